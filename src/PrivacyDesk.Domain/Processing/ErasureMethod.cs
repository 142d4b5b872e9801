namespace PrivacyDesk.Domain.Processing;

/// <summary>How a record set is erased (gdpr-rules.md ER-5).</summary>
public enum ErasureMethod
{
    Delete,
    Anonymise,
}
