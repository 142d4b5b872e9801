namespace PrivacyDesk.Domain.Processing;

/// <summary>Categories of data subjects of a processing activity (Art. 30(1)(c) GDPR).</summary>
public enum DataSubjectCategory
{
    Candidates,
    TemporaryWorkers,
    ClientContacts,
    EmergencyContacts,
    Enquirers,
}
