using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Retention;

public class RetentionCalculatorTests
{
    private static RetentionTerms Terms(
        RetentionAnchor anchor,
        string period,
        AnchorAdjust adjust = AnchorAdjust.None,
        RetentionKind kind = RetentionKind.PolicyMaximum,
        RetentionBound? cap = null,
        RetentionBound? floor = null,
        RuleAppliesTo appliesTo = RuleAppliesTo.All) =>
        new(kind, anchor, adjust, IsoPeriod.Parse(period), cap, floor, ExpiryAction.Erase, appliesTo);

    /// <summary>The keep-until date of a rule that applies (the worked examples below are all about applying rules).</summary>
    private static DateOnly? ExpiryDate(RetentionTerms terms, RetentionFacts facts) =>
        RetentionCalculator.Decide(terms, facts, DateOnly.MinValue) is { Applies: true } decision
            ? decision.KeepUntil
            : throw new InvalidOperationException("The rule does not apply to these facts.");

    private static RetentionFacts FactsWith(RetentionAnchor anchor, DateOnly date) => anchor switch
    {
        RetentionAnchor.Collected => new RetentionFacts { Collected = date },
        RetentionAnchor.LastWorkingDay => new RetentionFacts { LastWorkingDay = date },
        RetentionAnchor.CaseClosed => new RetentionFacts { CaseClosed = date },
        RetentionAnchor.ContractEnd => new RetentionFacts { ContractEnd = date },
        RetentionAnchor.TaxablePeriodEnd => new RetentionFacts { TaxablePeriodEnd = date },
        RetentionAnchor.FinancialYearClosed => new RetentionFacts { FinancialYearClosed = date },
        _ => throw new ArgumentOutOfRangeException(nameof(anchor)),
    };

    // §4.7 worked retention examples: expiry = last day kept (RET-6), deletion due the day after.
    [Theory]
    [InlineData("last working day P5Y", RetentionAnchor.LastWorkingDay, "2026-03-15", AnchorAdjust.None, "P5Y", RetentionKind.StatutoryMinimum, "2031-03-15", "2031-03-16")]
    [InlineData("last working day EndOfCalendarYear P5Y", RetentionAnchor.LastWorkingDay, "2026-03-15", AnchorAdjust.EndOfCalendarYear, "P5Y", RetentionKind.StatutoryMinimum, "2031-12-31", "2032-01-01")]
    [InlineData("leap day P1Y", RetentionAnchor.Collected, "2028-02-29", AnchorAdjust.None, "P1Y", RetentionKind.PolicyMaximum, "2029-02-28", "2029-03-01")]
    [InlineData("leap day P4Y", RetentionAnchor.Collected, "2028-02-29", AnchorAdjust.None, "P4Y", RetentionKind.PolicyMaximum, "2032-02-29", "2032-03-01")]
    [InlineData("case closed P1Y not 02-29", RetentionAnchor.CaseClosed, "2027-02-28", AnchorAdjust.None, "P1Y", RetentionKind.PolicyMaximum, "2028-02-28", "2028-02-29")]
    [InlineData("survey P24M", RetentionAnchor.Collected, "2026-01-31", AnchorAdjust.None, "P24M", RetentionKind.PolicyMaximum, "2028-01-31", "2028-02-01")]
    [InlineData("e-mail P3Y", RetentionAnchor.Collected, "2026-08-31", AnchorAdjust.None, "P3Y", RetentionKind.PolicyMaximum, "2029-08-31", "2029-09-01")]
    [InlineData("P6M", RetentionAnchor.Collected, "2027-08-31", AnchorAdjust.None, "P6M", RetentionKind.PolicyMaximum, "2028-02-29", "2028-03-01")]
    [InlineData("P1Y6M", RetentionAnchor.Collected, "2027-08-31", AnchorAdjust.None, "P1Y6M", RetentionKind.PolicyMaximum, "2029-02-28", "2029-03-01")]
    [InlineData("taxable period 2026 P10Y", RetentionAnchor.TaxablePeriodEnd, "2026-12-31", AnchorAdjust.EndOfCalendarYear, "P10Y", RetentionKind.StatutoryMinimum, "2036-12-31", "2037-01-01")]
    [InlineData("taxable period mid-year date", RetentionAnchor.TaxablePeriodEnd, "2026-06-30", AnchorAdjust.EndOfCalendarYear, "P10Y", RetentionKind.StatutoryMinimum, "2036-12-31", "2037-01-01")]
    [InlineData("financial year P7Y", RetentionAnchor.FinancialYearClosed, "2026-12-31", AnchorAdjust.EndOfCalendarYear, "P7Y", RetentionKind.StatutoryMinimum, "2033-12-31", "2034-01-01")]
    [InlineData("contract end LegalClaimsPeriod P1Y", RetentionAnchor.ContractEnd, "2026-06-30", AnchorAdjust.None, "P1Y", RetentionKind.LegalClaimsPeriod, "2027-06-30", "2027-07-01")]
    public void Section_4_7_worked_examples(string row, RetentionAnchor anchor, string anchorDate, AnchorAdjust adjust, string period, RetentionKind kind, string keepUntil, string deleteFrom)
    {
        var terms = Terms(anchor, period, adjust, kind);
        var facts = FactsWith(anchor, D(anchorDate));

        Assert.True(D(keepUntil) == ExpiryDate(terms, facts), row);

        var lastDay = RetentionCalculator.Evaluate(terms, facts, D(keepUntil));
        Assert.True(lastDay.Applies);
        Assert.Equal(D(keepUntil), lastDay.KeepUntil);
        Assert.False(lastDay.Expired, row);

        var dayAfter = RetentionCalculator.Evaluate(terms, facts, D(deleteFrom));
        Assert.True(dayAfter.Expired, row);
    }

    [Fact]
    public void Section_4_7_Auxilios_cap_applies_while_career_not_ended()
    {
        var terms = Terms(RetentionAnchor.EndOfCareer, "P0D",
            cap: new RetentionBound(RetentionAnchor.Collected, AnchorAdjust.None, IsoPeriod.Parse("P40Y")));
        var facts = new RetentionFacts { Collected = D("2026-05-10") };

        var outcome = RetentionCalculator.Evaluate(terms, facts, D("2066-05-11"));

        Assert.Equal(D("2066-05-10"), outcome.KeepUntil);
        Assert.True(outcome.Expired);
        Assert.False(RetentionCalculator.Evaluate(terms, facts, D("2066-05-10")).Expired);
    }

    [Fact]
    public void RET_5_unknown_anchor_without_cap_is_kept()
    {
        var terms = Terms(RetentionAnchor.EndOfCareer, "P0D");
        var outcome = RetentionCalculator.Evaluate(terms, new RetentionFacts { Collected = D("2026-05-10") }, D("2099-01-01"));

        Assert.Null(outcome.KeepUntil);
        Assert.False(outcome.Expired);
        Assert.True(outcome.Applies);
        Assert.Contains("unknown", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RET_5_cap_takes_the_earlier_date()
    {
        var cap = new RetentionBound(RetentionAnchor.ContractEnd, AnchorAdjust.None, IsoPeriod.Parse("P1Y"));
        var terms = Terms(RetentionAnchor.Collected, "P5Y", cap: cap);

        Assert.Equal(D("2028-06-30"), ExpiryDate(terms, new RetentionFacts { Collected = D("2026-01-01"), ContractEnd = D("2027-06-30") }));
        // Cap later than the main expiry: main wins.
        Assert.Equal(D("2031-01-01"), ExpiryDate(terms, new RetentionFacts { Collected = D("2026-01-01"), ContractEnd = D("2035-06-30") }));
        // Cap anchor not known yet: it does not bound anything yet.
        Assert.Equal(D("2031-01-01"), ExpiryDate(terms, new RetentionFacts { Collected = D("2026-01-01") }));
    }

    [Fact]
    public void RET_5_floor_takes_the_later_date_ASAP_complaints_of_workers()
    {
        // "career + 5 years after last working day": LastWorkingDay P5Y, floor EndOfCareer P0D.
        var terms = Terms(RetentionAnchor.LastWorkingDay, "P5Y",
            floor: new RetentionBound(RetentionAnchor.EndOfCareer, AnchorAdjust.None, IsoPeriod.Zero),
            appliesTo: RuleAppliesTo.Workers);

        var careerEndsLater = new RetentionFacts { HasWorked = true, LastWorkingDay = D("2026-03-15"), EndOfCareerStated = D("2033-01-01") };
        var careerEndsEarlier = careerEndsLater with { EndOfCareerStated = D("2027-01-01") };
        var careerOngoing = careerEndsLater with { EndOfCareerStated = null };

        Assert.Equal(D("2033-01-01"), ExpiryDate(terms, careerEndsLater));
        Assert.Equal(D("2031-03-15"), ExpiryDate(terms, careerEndsEarlier));
        Assert.Null(ExpiryDate(terms, careerOngoing)); // "not before" event pending → kept
    }

    [Fact]
    public void RET_5_main_anchor_unknown_with_cap_then_floor()
    {
        var terms = Terms(RetentionAnchor.EndOfCareer, "P0D",
            cap: new RetentionBound(RetentionAnchor.Collected, AnchorAdjust.None, IsoPeriod.Parse("P10Y")),
            floor: new RetentionBound(RetentionAnchor.CaseClosed, AnchorAdjust.None, IsoPeriod.Parse("P1Y")));
        var facts = new RetentionFacts { Collected = D("2026-01-01"), CaseClosed = D("2040-01-01") };

        // max(min(unknown, 2036-01-01), 2041-01-01)
        Assert.Equal(D("2041-01-01"), ExpiryDate(terms, facts));
    }

    [Fact]
    public void RET_6_no_weekend_roll_forward_on_retention_dates()
    {
        var terms = Terms(RetentionAnchor.LastWorkingDay, "P5Y");
        var keep = ExpiryDate(terms, new RetentionFacts { LastWorkingDay = D("2026-03-15") });

        Assert.Equal(D("2031-03-15"), keep);
        Assert.Equal(DayOfWeek.Saturday, keep!.Value.DayOfWeek);
    }

    [Fact]
    public void RET_9_end_of_career_derived_from_last_activity_plus_inactivity_period()
    {
        var facts = new RetentionFacts { LastActivity = D("2026-02-10"), CareerInactivityPeriod = IsoPeriod.Parse("P2Y") };

        Assert.Equal(D("2028-02-10"), facts.AnchorDate(RetentionAnchor.EndOfCareer));
        Assert.Equal(D("2028-02-10"), ExpiryDate(Terms(RetentionAnchor.EndOfCareer, "P0D"), facts));
    }

    [Fact]
    public void RET_9_stated_end_of_career_wins_and_missing_inputs_give_unknown()
    {
        var stated = new RetentionFacts
        {
            LastActivity = D("2026-02-10"),
            CareerInactivityPeriod = IsoPeriod.Parse("P2Y"),
            EndOfCareerStated = D("2026-06-01"),
        };

        Assert.Equal(D("2026-06-01"), stated.AnchorDate(RetentionAnchor.EndOfCareer));
        Assert.Null(new RetentionFacts { LastActivity = D("2026-02-10") }.AnchorDate(RetentionAnchor.EndOfCareer));
        Assert.Null(new RetentionFacts { CareerInactivityPeriod = IsoPeriod.Parse("P2Y") }.AnchorDate(RetentionAnchor.EndOfCareer));
    }

    [Fact]
    public void AnchorDate_maps_every_anchor()
    {
        var facts = new RetentionFacts
        {
            Collected = D("2020-01-01"),
            ConsentGiven = D("2020-01-02"),
            ConsentWithdrawn = D("2020-01-03"),
            LastActivity = D("2020-01-04"),
            EndOfCareerStated = D("2020-01-05"),
            LastWorkingDay = D("2020-01-06"),
            ContractEnd = D("2020-01-07"),
            CaseClosed = D("2020-01-08"),
            TaxablePeriodEnd = D("2020-01-09"),
            FinancialYearClosed = D("2020-01-10"),
        };

        var dates = Enum.GetValues<RetentionAnchor>().Select(a => facts.AnchorDate(a)!.Value.Day).ToList();
        Assert.Equal(Enumerable.Range(1, 10).ToList(), dates);
    }

    [Theory]
    [InlineData(RuleAppliesTo.All, false, true)]
    [InlineData(RuleAppliesTo.All, true, true)]
    [InlineData(RuleAppliesTo.Workers, true, true)]
    [InlineData(RuleAppliesTo.Workers, false, false)]
    [InlineData(RuleAppliesTo.NonWorkers, false, true)]
    [InlineData(RuleAppliesTo.NonWorkers, true, false)]
    public void AppliesTo_workers_and_non_workers(RuleAppliesTo appliesTo, bool hasWorked, bool applies)
    {
        var terms = Terms(RetentionAnchor.CaseClosed, "P1Y", appliesTo: appliesTo);
        var facts = new RetentionFacts { CaseClosed = D("2026-01-15"), HasWorked = hasWorked };

        var outcome = RetentionCalculator.Evaluate(terms, facts, D("2030-01-01"));

        Assert.Equal(applies, outcome.Applies);
        Assert.Equal(applies, outcome.Expired);
        Assert.Equal(applies ? D("2027-01-15") : null, outcome.KeepUntil);
    }

    [Fact]
    public void Explanation_is_a_technical_trace()
    {
        var terms = Terms(RetentionAnchor.LastWorkingDay, "P5Y", AnchorAdjust.EndOfCalendarYear, RetentionKind.StatutoryMinimum);
        var outcome = RetentionCalculator.Evaluate(terms, new RetentionFacts { LastWorkingDay = D("2026-03-15") }, D("2026-04-01"));

        Assert.Contains("LastWorkingDay 2026-03-15 → end of year 2026-12-31 + P5Y = 2031-12-31", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Consent_withdrawn_P0D_expires_the_day_after_withdrawal()
    {
        var terms = Terms(RetentionAnchor.ConsentWithdrawn, "P0D");
        var facts = new RetentionFacts { ConsentGiven = D("2025-01-01"), ConsentWithdrawn = D("2026-03-10") };

        Assert.False(RetentionCalculator.Evaluate(terms, facts, D("2026-03-10")).Expired);
        Assert.True(RetentionCalculator.Evaluate(terms, facts, D("2026-03-11")).Expired);
    }
}
