using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>CLK-RESP / CLK-EXTN / CLK-NOACT dates, exactly as the algorithm of gdpr-rules.md §1.7.</summary>
public sealed class DeadlineCalculator
{
    private readonly IHolidayCalendar _calendar;
    private readonly ClockSettings _settings;

    public DeadlineCalculator(IHolidayCalendar calendar, ClockSettings settings)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid clock settings: " + string.Join(" ", errors), nameof(settings));
        }

        _calendar = calendar;
        _settings = settings;
    }

    /// <param name="receivedOn">Brussels date of receipt (DL-1, DL-2: not moved off weekends).</param>
    /// <param name="waits">All recorded waits; CLK-2 decides which count.</param>
    /// <param name="today">Brussels date used as provisional end of open intervals (CLK-3).</param>
    public RequestDeadlines Compute(DateOnly receivedOn, IReadOnlyList<WaitingInterval> waits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(waits);

        var counted = CountedIntervals(receivedOn, waits, today);

        // CLK-3: a RESTART wait makes a full month run from its (latest) end.
        var start = receivedOn;
        foreach (var (mode, _, to, _) in counted)
        {
            if (mode == ClockMode.Restart && to > start)
            {
                start = to;
            }
        }

        // CLK-3: SUSPEND waits clipped to ≥ R_start, overlaps counted once.
        var suspended = DaysInUnion(counted
            .Where(c => c.Mode == ClockMode.Suspend)
            .Select(c => (From: c.From < start ? start : c.From, c.To)));

        // Suspended days go on the unrolled date; roll forward once at the end (CLK-3, DL-9).
        var dueBase = Roll(CalendarMath.AddMonths(start, 1).AddDays(suspended));
        var extendedRaw = _settings.ExtensionBasis == ExtensionBasis.TwoStepConservative
            ? CalendarMath.AddMonths(CalendarMath.AddMonths(start, 1), 2)
            : CalendarMath.AddMonths(start, 3);
        var dueExtended = Roll(extendedRaw.AddDays(suspended));
        var conservative = Roll(CalendarMath.AddMonths(receivedOn, 1));

        return new RequestDeadlines(
            ReceivedOn: receivedOn,
            StartOn: start,
            SuspendedDays: suspended,
            DueBase: dueBase,
            DueExtended: dueExtended,
            ExtensionNoticeBy: dueBase,  // CLK-EXTN / EXT-2
            Conservative: conservative,
            IsProvisional: counted.Any(c => c.Open));
    }

    /// <summary>CLK-2(2): a request for information sent at most INFO_REQUEST_MAX_DELAY_WORKING_DAYS after the reference day.</summary>
    public bool IsTimelyQuestion(DateOnly reference, DateOnly sentOn) =>
        WorkingDays.CountWorkingDaysAfter(reference, sentOn, _calendar) <= _settings.InfoRequestMaxDelayWorkingDays;

    public ClockMode ModeFor(WaitingReason reason) => reason switch
    {
        WaitingReason.Identity => _settings.Identity,
        WaitingReason.Clarification => _settings.Clarification,
        WaitingReason.Fee => _settings.Fee,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// CLK-2 filter. Timeliness (CLK-2(2)) is measured in working days after the reference date = the later of
    /// receipt and the latest complete reply to an earlier valid wait (of any reason, any mode) received on or
    /// before this request for information. That reading is what makes W2 work: clarification asked 2027-02-08
    /// is 6 working days after receipt but 1 after the identity reply of 02-05. Follow-ups after an
    /// insufficient reply are one continuing interval, so they need no separate check here.
    /// </summary>
    private List<(ClockMode Mode, DateOnly From, DateOnly To, bool Open)> CountedIntervals(
        DateOnly receivedOn, IReadOnlyList<WaitingInterval> waits, DateOnly today)
    {
        var result = new List<(ClockMode, DateOnly, DateOnly, bool)>();
        var validReplies = new List<DateOnly>();
        foreach (var w in waits.OrderBy(w => w.RequestedOn))
        {
            ArgumentNullException.ThrowIfNull(w);
            if (w.ReceivedOn is { } end && end < w.RequestedOn)
            {
                throw new ArgumentException($"Waiting interval ends ({end}) before it starts ({w.RequestedOn}).", nameof(waits));
            }

            var reference = receivedOn;
            foreach (var reply in validReplies)
            {
                if (reply <= w.RequestedOn && reply > reference)
                {
                    reference = reply;
                }
            }

            var timely = w.LateRequestOverridden
                || WorkingDays.CountWorkingDaysAfter(reference, w.RequestedOn, _calendar) <= _settings.InfoRequestMaxDelayWorkingDays;
            if (!w.Necessary || !timely)
            {
                continue; // CLK-2(1)/(2): does not count, in any mode
            }

            if (w.ReceivedOn is { } received)
            {
                validReplies.Add(received);
            }

            var mode = ModeFor(w.Reason);
            if (mode == ClockMode.None)
            {
                continue;
            }

            // Open interval: provisional end = today (never before its start).
            var to = w.ReceivedOn ?? (today > w.RequestedOn ? today : w.RequestedOn);
            result.Add((mode, w.RequestedOn, to, w.IsOpen));
        }

        return result;
    }

    private static int DaysInUnion(IEnumerable<(DateOnly From, DateOnly To)> intervals)
    {
        var total = 0;
        DateOnly? coveredUntil = null; // exclusive end of what has been counted so far
        foreach (var (from, to) in intervals.Where(i => i.To > i.From).OrderBy(i => i.From))
        {
            var effectiveFrom = coveredUntil is { } c && c > from ? c : from;
            if (to > effectiveFrom)
            {
                total += to.DayNumber - effectiveFrom.DayNumber;
                coveredUntil = to;
            }
        }

        return total;
    }

    private DateOnly Roll(DateOnly date) => WorkingDays.RollForward(date, _calendar);
}
