using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

/// <summary>The request's statutory dates: computed at intake, recomputed with an audit entry (CLK-3), extended once (EXT-1..EXT-5).</summary>
public sealed partial class DataSubjectRequest
{
    /// <summary>Stores the computed statutory dates (the deadline calculator lives in Deadlines/).</summary>
    public void SetDeadlines(DateOnly dueBase, DateOnly maxExtended, DateOnly conservative, bool provisional)
    {
        DueOn = dueBase;
        MaxExtendedDueOn = maxExtended;
        ConservativeDueOn = conservative;
        DueIsProvisional = provisional;
        if (ExtendedDueOn is { } ext && ext > maxExtended)
            ExtendedDueOn = maxExtended;
    }

    /// <summary>The recorded waits as the deadline calculator reads them (CLK-2, CLK-3).</summary>
    public IReadOnlyList<Deadlines.WaitingInterval> WaitingIntervals() =>
        WaitingPeriods
            .Select(w => new Deadlines.WaitingInterval(w.Reason, w.RequestedOn, w.ReceivedOn, w.Necessary, w.LateRequestOverridden))
            .ToList();

    /// <summary>
    /// Stores freshly computed dates after the clock changed (a wait opened or closed, a CLK-2 override, an explicit
    /// recomputation by the DPO after a holiday override, §1.9) and audits every change with the old and new dates,
    /// so a deadline never moves silently. Returns whether anything changed.
    /// </summary>
    public bool RecomputeDeadlines(Deadlines.RequestDeadlines computed, DateTimeOffset now, string actor, string cause)
    {
        ArgumentNullException.ThrowIfNull(computed);
        if (computed.ReceivedOn != ReceivedOn)
            throw new ArgumentException("Deadlines computed for another receipt date.", nameof(computed));
        var before = (DueOn, MaxExtendedDueOn, ConservativeDueOn, DueIsProvisional, ExtendedDueOn);
        SetDeadlines(computed.DueBase, computed.DueExtended, computed.Conservative, computed.IsProvisional);
        var after = (DueOn, MaxExtendedDueOn, ConservativeDueOn, DueIsProvisional, ExtendedDueOn);
        if (before == after)
            return false;
        Record(now, actor, "deadlines.recomputed",
            $"Deadlines recomputed ({cause}): due {before.DueOn:yyyy-MM-dd} → {DueOn:yyyy-MM-dd}{(DueIsProvisional ? " (provisional)" : "")}, " +
            $"maximum extended {before.MaxExtendedDueOn:yyyy-MM-dd} → {MaxExtendedDueOn:yyyy-MM-dd}, " +
            $"conservative {before.ConservativeDueOn:yyyy-MM-dd} → {ConservativeDueOn:yyyy-MM-dd}" +
            (before.ExtendedDueOn != ExtendedDueOn ? $", extended {before.ExtendedDueOn:yyyy-MM-dd} → {ExtendedDueOn:yyyy-MM-dd}" : "") + ".");
        return true;
    }

    /// <summary>EXT-1..EXT-5: one extension, recorded no later than the un-extended due date, with reasons.</summary>
    public void Extend(string reasonCode, string reason, DateOnly newDueOn, DateOnly today, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        if (Status is RequestStatus.Completed or RequestStatus.Refused)
            throw new DomainException("extension.answered", "The request has already been answered.", "EXT-5");
        if (ExtendedDueOn is not null)
            throw new DomainException("extension.twice", "This request has already been extended once.", "EXT-5");
        if (today > DueOn)
            throw new DomainException("extension.too-late", $"An extension must be notified by {DueOn:yyyy-MM-dd}; that date has passed.", "EXT-2");
        if (string.IsNullOrWhiteSpace(reasonCode) || string.IsNullOrWhiteSpace(reason))
            throw new DomainException("extension.reason", "An extension needs its reasons.", "EXT-2");
        if (newDueOn <= DueOn || newDueOn > MaxExtendedDueOn)
            throw new DomainException("extension.date", $"The extended due date must fall after {DueOn:yyyy-MM-dd} and no later than {MaxExtendedDueOn:yyyy-MM-dd}.", "EXT-3");
        ExtendedDueOn = newDueOn;
        ExtensionReasonCode = reasonCode;
        ExtensionReason = reason.Trim();
        ExtensionNotifiedOn = today;
        Record(now, actor, "request.extended", $"Extended to {newDueOn:yyyy-MM-dd} ({reasonCode}).");
    }
}
