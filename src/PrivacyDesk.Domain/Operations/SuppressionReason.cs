namespace PrivacyDesk.Domain.Operations;

public enum SuppressionReason
{
    Erasure,
    MarketingObjection,
}
