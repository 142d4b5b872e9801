using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// A wait for the data subject, <c>[RequestedOn, ReceivedOn)</c> (CLK-3). ReceivedOn null = still open; the
/// calculator then uses today as a provisional end. A follow-up after an insufficient reply is the same
/// interval with a later ReceivedOn (the caller extends it).
/// </summary>
/// <param name="Necessary">CLK-2(1): reasonable doubts / large quantity of data / valid fee ground recorded.</param>
/// <param name="LateRequestOverridden">CLK-2(2): DPO override (audited) for a request sent after the delay limit.</param>
public sealed record WaitingInterval(
    WaitingReason Reason,
    DateOnly RequestedOn,
    DateOnly? ReceivedOn,
    bool Necessary = true,
    bool LateRequestOverridden = false)
{
    public bool IsOpen => ReceivedOn is null;
}
