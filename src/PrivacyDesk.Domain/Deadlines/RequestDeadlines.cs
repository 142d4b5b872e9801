namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// Result of §1.7 for one sub-request. DueBase is also the CLK-EXTN and CLK-NOACT date; Conservative ignores
/// every wait (CLK-3). IsProvisional: an open counted interval was evaluated with end = today.
/// </summary>
public sealed record RequestDeadlines(
    DateOnly ReceivedOn,
    DateOnly StartOn,
    int SuspendedDays,
    DateOnly DueBase,
    DateOnly DueExtended,
    DateOnly ExtensionNoticeBy,
    DateOnly Conservative,
    bool IsProvisional);
