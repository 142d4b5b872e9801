using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

/// <summary>CLK-3: an interval [RequestedOn, ReceivedOn) while the controller waits for the person.</summary>
public sealed class WaitingPeriod
{
    private WaitingPeriod() { }

    public WaitingPeriod(Guid requestId, WaitingReason reason, DateOnly requestedOn, string why, bool necessary)
    {
        RequestId = requestId;
        Reason = reason;
        RequestedOn = requestedOn;
        Why = why;
        Necessary = necessary;
    }

    public Guid Id { get; private set; } = Ids.New();
    public Guid RequestId { get; private set; }
    public WaitingReason Reason { get; private set; }
    public DateOnly RequestedOn { get; private set; }
    public DateOnly? ReceivedOn { get; internal set; }
    public string Why { get; private set; } = "";
    public bool Necessary { get; private set; }
    public bool LateRequestOverridden { get; internal set; }

    /// <summary>The latest question of this wait: a follow-up after an insufficient reply continues the interval (CLK-3).</summary>
    public DateOnly? LastAskedOn { get; internal set; }

    /// <summary>CLK-4: the day the reminder went out for the current question.</summary>
    public DateOnly? RemindedOn { get; internal set; }

    /// <summary>CLK-4 counts reminders and abandonment from the (last) request for information.</summary>
    public DateOnly AskedOn => LastAskedOn ?? RequestedOn;
}
