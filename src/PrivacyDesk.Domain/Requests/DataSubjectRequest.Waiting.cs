using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

/// <summary>Waiting for the data subject (CLK-2, CLK-4): questions, reminders, answers, late-request overrides, abandonment.</summary>
public sealed partial class DataSubjectRequest
{
    /// <summary>
    /// Ask the person for identity information, clarification or a fee (CLK-2): the reason and whether the
    /// question was necessary (CLK-2(1)) are recorded and a waiting interval opens; the clock effect follows the
    /// configured mode. A follow-up sent within the CLK-2(2) limit after an insufficient reply continues the
    /// earlier interval, so the days between the reply and the new question stay counted (CLK-3).
    /// </summary>
    public void AskDataSubject(WaitingReason reason, string why, bool necessary, DateOnly today, DateTimeOffset now, string actor,
        bool followUpWithinLimit = false)
    {
        if (Status is not (RequestStatus.Received or RequestStatus.InReview or RequestStatus.AwaitingDataSubject))
            throw new DomainException("request.cannot-wait", $"A request that is {Status} cannot wait for the data subject.", "CLK-5");
        if (string.IsNullOrWhiteSpace(why))
            throw new DomainException("request.wait-reason", "Record why the information is needed.", "ID-1");
        var open = WaitingPeriods.FirstOrDefault(w => w.Reason == reason && w.ReceivedOn is null);
        var previous = WaitingPeriods.Where(w => w.Reason == reason && w.ReceivedOn is not null).MaxBy(w => w.ReceivedOn);
        var continued = "";
        if (open is not null)
        {
            open.LastAskedOn = today;
            open.RemindedOn = null;
        }
        else if (followUpWithinLimit && previous is not null && previous.Necessary == necessary)
        {
            continued = $" The reply of {previous.ReceivedOn:yyyy-MM-dd} was insufficient: the wait of {previous.RequestedOn:yyyy-MM-dd} continues (CLK-3).";
            previous.ReceivedOn = null;
            previous.LastAskedOn = today;
            previous.RemindedOn = null;
        }
        else
        {
            WaitingPeriods.Add(new WaitingPeriod(Id, reason, today, why.Trim(), necessary));
        }
        Status = RequestStatus.AwaitingDataSubject;
        WaitingReason = reason;
        if (reason == Requests.WaitingReason.Identity)
            IdentityStatus = IdentityStatus.MoreProofRequested;
        Record(now, actor, "request.waiting",
            $"Waiting for the data subject ({reason}); question necessary: {(necessary ? "yes" : "no, the clock keeps running")} (CLK-2(1)).{continued}");
    }

    /// <summary>
    /// CLK-4: one reminder per question, <paramref name="reminderDays"/> after it was sent, while nothing came in.
    /// Returns whether a reminder is due now (the caller sends it in the same transaction).
    /// </summary>
    public bool RemindDataSubject(DateOnly today, int reminderDays, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject || WaitingReason is not { } reason)
            return false;
        var open = WaitingPeriods.Where(w => w.ReceivedOn is null && w.Reason == reason).MaxBy(w => w.AskedOn);
        if (open is null || open.RemindedOn is not null || today < open.AskedOn.AddDays(reminderDays))
            return false;
        open.RemindedOn = today;
        Record(now, actor, "request.reminder-sent", $"Reminder sent: waiting for the data subject ({reason}) since {open.AskedOn:yyyy-MM-dd} (CLK-4).");
        return true;
    }

    /// <summary>CLK-4: the day the request may be closed as abandoned, or null when it is not waiting.</summary>
    public DateOnly? AbandonableOn(int abandonAfterDays) =>
        Status == RequestStatus.AwaitingDataSubject && WaitingPeriods.Any(w => w.ReceivedOn is null)
            ? WaitingPeriods.Where(w => w.ReceivedOn is null).Max(w => w.AskedOn).AddDays(abandonAfterDays)
            : null;

    /// <summary>The person answered (proof, clarification or payment); the interval ends today.</summary>
    public void ReceiveFromDataSubject(DateOnly today, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject || WaitingReason is not { } reason)
            throw new DomainException("request.not-waiting", "This request is not waiting for an answer.");
        CloseWaiting(reason, today);
        Status = reason == Requests.WaitingReason.Identity && IdentityStatus != IdentityStatus.Verified
            ? RequestStatus.Received
            : RequestStatus.InReview;
        WaitingReason = null;
        Record(now, actor, "request.answer-received", $"Answer received from the data subject ({reason}).");
    }

    /// <summary>CLK-2(2): the DPO counts a request for information sent after the delay limit, with reasons (audited).</summary>
    public void OverrideLateInformationRequest(Guid waitingPeriodId, string reason, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        var period = WaitingPeriods.FirstOrDefault(w => w.Id == waitingPeriodId)
            ?? throw new DomainException("request.wait-unknown", "Unknown waiting period.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("request.override-reason", "An override needs a reason.", "CLK-2");
        if (period.LateRequestOverridden)
            throw new DomainException("request.override-twice", "This waiting period is already counted by an override.", "CLK-2");
        period.LateRequestOverridden = true;
        Record(now, actor, "clock.override",
            $"Late information request of {period.RequestedOn:yyyy-MM-dd} ({period.Reason}) counted by DPO override: {reason.Trim()}");
    }

    /// <summary>CLK-4: no answer within ABANDON_AFTER_DAYS of the last request for information.</summary>
    public void Abandon(DateOnly today, int abandonAfterDays, DateTimeOffset now, string actor)
    {
        if (Status != RequestStatus.AwaitingDataSubject)
            throw new DomainException("abandon.state", "Only a request waiting for the data subject can be abandoned.", "CLK-4");
        var last = WaitingPeriods.Where(w => w.ReceivedOn is null).Select(w => w.AskedOn).DefaultIfEmpty(today).Max();
        if (today < last.AddDays(abandonAfterDays))
            throw new DomainException("abandon.too-early", $"The data subject has until {last.AddDays(abandonAfterDays):yyyy-MM-dd} to answer.", "CLK-4");
        Status = RequestStatus.Abandoned;
        ClosedAt = now;
        ClosedBy = actor;
        Record(now, actor, "request.abandoned", "No answer from the data subject within the configured time.");
        DeleteIdentityProofs(now, actor, "request abandoned");
    }
}
