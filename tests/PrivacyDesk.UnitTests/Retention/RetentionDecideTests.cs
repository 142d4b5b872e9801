using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.UnitTests.Retention;

/// <summary>RetentionCalculator.Decide (the plan engine's path, no explanation text) decides exactly as Evaluate.</summary>
public class RetentionDecideTests
{
    [Fact]
    public void Decide_equals_Evaluate_for_every_anchor_adjustment_cap_floor_and_known_or_unknown_fact()
    {
        var today = new DateOnly(2027, 6, 15);
        var dates = new DateOnly?[] { null, new DateOnly(2020, 2, 29), new DateOnly(2026, 12, 31), new DateOnly(2027, 6, 1) };
        var periods = new[] { new IsoPeriod(0, 6, 0), new IsoPeriod(5, 0, 0) };
        var bounds = new RetentionBound?[] { null, new(RetentionAnchor.LastWorkingDay, AnchorAdjust.None, new IsoPeriod(1, 0, 0)), new(RetentionAnchor.Collected, AnchorAdjust.EndOfCalendarYear, new IsoPeriod(0, 1, 0)) };
        var checkedCases = 0;
        foreach (var anchor in Enum.GetValues<RetentionAnchor>())
        foreach (var adjust in Enum.GetValues<AnchorAdjust>())
        foreach (var period in periods)
        foreach (var cap in bounds)
        foreach (var floor in bounds)
        foreach (var appliesTo in Enum.GetValues<RuleAppliesTo>())
        foreach (var date in dates)
        foreach (var other in dates)
        foreach (var hasWorked in new[] { false, true })
        {
            var terms = new RetentionTerms(RetentionKind.PolicyMaximum, anchor, adjust, period, cap, floor, ExpiryAction.Erase, appliesTo);
            var facts = new RetentionFacts
            {
                Collected = other, ConsentGiven = date, ConsentWithdrawn = date, LastActivity = date, LastWorkingDay = other ?? date,
                ContractEnd = date, CaseClosed = date, TaxablePeriodEnd = date, FinancialYearClosed = date,
                CareerInactivityPeriod = new IsoPeriod(2, 0, 0), HasWorked = hasWorked,
            };
            var expected = RetentionCalculator.Evaluate(terms, facts, today);
            Assert.Equal((expected.Applies, expected.KeepUntil, expected.Expired), RetentionCalculator.Decide(terms, facts, today));
            checkedCases++;
        }

        Assert.True(checkedCases > 10_000);
    }
}
