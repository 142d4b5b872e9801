namespace PrivacyDesk.Domain.Processing;

public enum ExpiryAction
{
    Erase,
    Anonymise,
    ReviewByDpo,
}
