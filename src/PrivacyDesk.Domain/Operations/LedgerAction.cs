namespace PrivacyDesk.Domain.Operations;

public enum LedgerAction
{
    Deleted,
    Anonymised,
    Restricted,
    DeferredByHold,
    DeferredByStatute,
}
