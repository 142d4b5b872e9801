namespace PrivacyDesk.Domain.Processing;

public enum DataCategory
{
    Identity,
    Contact,
    NationalNumber,
    Application,
    Cv,
    Career,
    Education,
    Skills,
    Assignment,
    Payroll,
    Tax,
    Assessment,
    ThirdParty,
    Consent,
    Communication,
    Complaint,
    Survey,
    Photo,
    Disclosure,
}
