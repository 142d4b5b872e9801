namespace PrivacyDesk.Domain.Candidates;

public enum PayrollDocumentType
{
    Payslip,
    IndividualAccount,
    Dimona,
    C4,
}
