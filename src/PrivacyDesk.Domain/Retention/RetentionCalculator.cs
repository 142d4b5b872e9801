using System.Globalization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>
/// Expiry of one retention rule (RET-4, RET-5, RET-6). No weekend/holiday roll-forward: DL-9 does not apply here.
/// </summary>
public static class RetentionCalculator
{
    public static RetentionOutcome Evaluate(RetentionTerms terms, RetentionFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(facts);

        if (!AppliesTo(terms.AppliesTo, facts))
        {
            return new RetentionOutcome(null, false, false,
                $"rule applies to {terms.AppliesTo}; person {(facts.HasWorked ? "has" : "has not")} worked → not applicable");
        }

        var (keepUntil, explanation) = Compute(terms, facts);
        return new RetentionOutcome(keepUntil, keepUntil is { } k && today > k, true, explanation);
    }

    /// <summary>
    /// The same decision as <see cref="Evaluate"/> without its explanation text: the plan engine calls this once per
    /// record, purpose and rule (tens of thousands of times for a long career) and never shows the trace.
    /// </summary>
    public static (bool Applies, DateOnly? KeepUntil, bool Expired) Decide(RetentionTerms terms, RetentionFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(facts);

        if (!AppliesTo(terms.AppliesTo, facts))
        {
            return (false, null, false);
        }

        var keepUntil = KeepUntil(terms, facts);
        return (true, keepUntil, keepUntil is { } k && today > k);
    }

    private static DateOnly? KeepUntil(RetentionTerms terms, RetentionFacts facts) =>
        Combine(BoundDate(terms.Anchor, terms.Adjust, terms.Period, facts),
            terms.Cap is { } cap ? BoundDate(cap.Anchor, cap.Adjust, cap.Period, facts) : null,
            terms.Floor is { } floor ? BoundDate(floor.Anchor, floor.Adjust, floor.Period, facts) : null,
            hasFloor: terms.Floor is not null);

    /// <summary>RET-5 as max(min(main, cap), floor); an unknown cap does not bound, an unknown floor keeps (null).</summary>
    private static DateOnly? Combine(DateOnly? main, DateOnly? cap, DateOnly? floor, bool hasFloor)
    {
        var result = cap is { } c && (main is null || c < main) ? c : main;
        return !hasFloor ? result : floor is { } f && result is { } r ? (f > r ? f : r) : null;
    }

    private static DateOnly? BoundDate(RetentionAnchor anchor, AnchorAdjust adjust, IsoPeriod period, RetentionFacts facts) =>
        facts.AnchorDate(anchor) is { } date ? CalendarMath.AddPeriod(Adjusted(date, adjust), period) : null;

    private static DateOnly Adjusted(DateOnly date, AnchorAdjust adjust) => adjust switch
    {
        AnchorAdjust.None => date,
        AnchorAdjust.EndOfCalendarYear => new DateOnly(date.Year, 12, 31),
        _ => throw new ArgumentOutOfRangeException(nameof(adjust), adjust, null),
    };

    private static bool AppliesTo(RuleAppliesTo appliesTo, RetentionFacts facts) => appliesTo switch
    {
        RuleAppliesTo.All => true,
        RuleAppliesTo.Workers => facts.HasWorked,
        RuleAppliesTo.NonWorkers => !facts.HasWorked,
        _ => throw new ArgumentOutOfRangeException(nameof(appliesTo), appliesTo, null),
    };

    /// <summary>
    /// RET-5 as max(min(main, cap), floor), treating an unknown date as "not yet" (+∞): an unknown main anchor
    /// keeps the data unless a known cap bounds it; an unknown cap does not bound yet; an unknown floor keeps
    /// the data because its "not before" event has not happened.
    /// </summary>
    private static (DateOnly? KeepUntil, string Explanation) Compute(RetentionTerms terms, RetentionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(facts);

        var (main, trace) = Bound(terms.Anchor, terms.Adjust, terms.Period, facts);
        DateOnly? capDate = null;
        if (terms.Cap is { } cap)
        {
            (capDate, var capText) = Bound(cap.Anchor, cap.Adjust, cap.Period, facts);
            trace += $"; cap {capText}";
        }

        DateOnly? floorDate = null;
        if (terms.Floor is { } floor)
        {
            (floorDate, var floorText) = Bound(floor.Anchor, floor.Adjust, floor.Period, facts);
            trace += $"; floor {floorText}";
        }

        var result = Combine(main, capDate, floorDate, hasFloor: terms.Floor is not null);
        trace += result is { } keep ? $" → keep until {Iso(keep)}" : " → kept (expiry unknown)";
        return (result, trace);
    }

    private static (DateOnly? Date, string Text) Bound(RetentionAnchor anchor, AnchorAdjust adjust, IsoPeriod period, RetentionFacts facts)
    {
        if (facts.AnchorDate(anchor) is not { } date)
        {
            return (null, $"{anchor} unknown");
        }

        var adjusted = Adjusted(date, adjust);
        var text = adjust == AnchorAdjust.EndOfCalendarYear ? $"{anchor} {Iso(date)} → end of year {Iso(adjusted)}" : $"{anchor} {Iso(date)}";
        var expiry = CalendarMath.AddPeriod(adjusted, period);
        return (expiry, $"{text} + {period} = {Iso(expiry)}");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
