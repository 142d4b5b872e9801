namespace PrivacyDesk.Domain.Processing;

public enum AnchorAdjust
{
    None,
    EndOfCalendarYear,
}
