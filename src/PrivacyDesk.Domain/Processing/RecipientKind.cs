namespace PrivacyDesk.Domain.Processing;

public enum RecipientKind
{
    Processor,
    Controller,
    ClientCompany,
    Authority,
    Other,
}
