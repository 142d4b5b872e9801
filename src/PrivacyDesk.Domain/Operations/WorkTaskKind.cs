namespace PrivacyDesk.Domain.Operations;

public enum WorkTaskKind
{
    ApplyRectification,
    EraseInExternalSystem,
    NotifyRecipient,
    PaperFile,
    SendFinalAnswer,
    Other,

    /// <summary>ACC-6: professional e-mails reviewed and redacted before the access package is released.</summary>
    ReviewProfessionalEmails,
}
