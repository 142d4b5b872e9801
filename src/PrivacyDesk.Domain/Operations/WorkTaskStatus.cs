namespace PrivacyDesk.Domain.Operations;

public enum WorkTaskStatus
{
    Open,
    Done,
    NotPossible,
}
