namespace PrivacyDesk.Domain.Plans;

internal enum Lang
{
    Nl,
    Fr,
    En,
}
