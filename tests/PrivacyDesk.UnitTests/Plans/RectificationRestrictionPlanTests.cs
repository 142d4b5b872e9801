using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.Plans.AsapLikeRegister;

namespace PrivacyDesk.UnitTests.Plans;

public class RectificationRestrictionPlanTests
{
    private readonly PlanEngine _engine = new();

    [Fact]
    public void RECT_3_opinion_in_interview_note_gets_a_statement_not_a_correction()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Rectification, candidate) with
        {
            Rectifications = [new RectificationItem(RecordSet.InterviewNotes, "Note", "Weinig gemotiveerd", "Zeer gemotiveerd")],
        });

        var line = Assert.Single(plan.Lines);
        Assert.Equal(PlanOutcome.AddStatement, line.Outcome);
        Assert.Equal("RECT-3", line.RuleId);
        Assert.Equal([candidate.InterviewNotes[0].Id], line.RecordIds);
        Assert.Contains("79/2023", line.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void RECT_1_RECT_2_RECT_5_facts_corrected_with_proof_and_corrective_entries()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Rectification, candidate) with
        {
            Rectifications =
            [
                new RectificationItem(RecordSet.WorkExperience, "jobtitle", "Magazijnier", "Heftruckchauffeur"),
                new RectificationItem(RecordSet.CandidateProfile, "LastName", "Janssens", "Janssen"),
                new RectificationItem(RecordSet.PayrollRecords, "BankAccount", null, "BE68539007547034"),
                new RectificationItem(RecordSet.InterviewNotes, "Interviewer", "Jan", "Jana"),
            ],
        });

        Assert.Equal("RECT-1", Assert.Single(plan.For("application", RecordSet.WorkExperience)).RuleId);
        var name = Assert.Single(plan.For("application", RecordSet.CandidateProfile));
        Assert.Equal(PlanOutcome.Correct, name.Outcome);
        Assert.Equal("RECT-2", name.RuleId);
        // RECT-6: the profile serves the newsletter too, so the correction is planned for both purposes.
        Assert.Equal(PlanOutcome.Correct, Assert.Single(plan.For("newsletter", RecordSet.CandidateProfile)).Outcome);

        var pay = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.Correct, pay.Outcome);
        Assert.Equal("RECT-5", pay.RuleId);
        Assert.Equal(6, pay.RecordCount);
        Assert.Contains("corrective payslip", pay.Reason.En, StringComparison.Ordinal);

        Assert.Equal(PlanOutcome.Correct, Assert.Single(plan.For("assessments", RecordSet.InterviewNotes)).Outcome);
        Assert.Contains("mailchimp", plan.RecipientCodes);
    }

    [Fact]
    public void RECT_8_unknown_field_or_value_is_refused_with_reason_and_LH_3_hold_does_not_block()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: false, "payroll");
        var plan = _engine.Build(Input(RequestType.Rectification, candidate, [hold]) with
        {
            Rectifications =
            [
                new RectificationItem(RecordSet.Education, "ShoeSize", null, "44"),
                new RectificationItem(RecordSet.Education, "Institution", "Harvard", "KU Leuven"),
                new RectificationItem(RecordSet.PayrollRecords, "GrossAmount", "2500", "2600"),
            ],
        });

        Assert.True(plan.HasRefusals);
        var refusals = plan.Lines.Where(l => l.Outcome == PlanOutcome.Refuse).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Contains(refusals, l => l.Reason.En.Contains("ShoeSize", StringComparison.Ordinal));
        Assert.All(refusals, l => Assert.Equal("RECT-8", l.RuleId));

        var pay = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.Correct, pay.Outcome);
        Assert.Equal(hold.Reference, pay.LegalHoldReference);
        Assert.Contains("evidence record", pay.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void RS_1_accuracy_contested_restricts_every_purpose()
    {
        var plan = _engine.Build(Input(RequestType.Restriction, FormerWorker()) with { RestrictionGround = RestrictionGround.AccuracyContested });

        Assert.NotEmpty(plan.Lines);
        Assert.All(plan.Lines, l =>
        {
            Assert.Equal(PlanOutcome.Restrict, l.Outcome);
            Assert.Equal("Art. 18(1)(a) GDPR", l.Article);
        });
        Assert.Contains(plan.Notices, n => n.En.Contains("18(3)", StringComparison.Ordinal));
    }

    [Fact]
    public void RS_6_objection_pending_restricts_only_legitimate_interest_and_public_task_purposes()
    {
        var plan = _engine.Build(Input(RequestType.Restriction, FormerWorker()) with { RestrictionGround = RestrictionGround.ObjectionPending });

        foreach (var line in plan.Lines)
        {
            var basis = Purposes().Single(p => p.Code == line.PurposeCode).LegalBasis;
            if (basis is LegalBasis.LegitimateInterests or LegalBasis.PublicTask)
            {
                Assert.Equal(PlanOutcome.Restrict, line.Outcome);
                Assert.Equal("Art. 18(1)(d) GDPR", line.Article);
            }
            else
            {
                Assert.Equal(PlanOutcome.NotApplicable, line.Outcome);
                Assert.Equal("RS-6", line.RuleId);
            }
        }

        Assert.Contains(plan.Lines, l => l.PurposeCode == "surveys" && l.Outcome == PlanOutcome.Restrict);
        Assert.Contains(plan.Lines, l => l.PurposeCode == "payroll" && l.Outcome == PlanOutcome.NotApplicable);
    }

    [Fact]
    public void RS_1_restriction_without_ground_is_rejected()
    {
        var ex = Assert.Throws<DomainException>(() => _engine.Build(Input(RequestType.Restriction, FormerWorker())));
        Assert.Equal("RS-1", ex.Rule);
    }

    [Fact]
    public void Rule_2_0_8_combined_erasure_with_restriction_fallback_restricts_exactly_the_kept_data()
    {
        var candidate = FormerWorker();
        var plans = _engine.BuildCombined(
        [
            Input(RequestType.Access, candidate),
            Input(RequestType.Erasure, candidate),
            Input(RequestType.Restriction, candidate) with { RestrictionGround = RestrictionGround.NeededForLegalClaims },
        ]);

        Assert.Equal(3, plans.Count);
        var erasure = plans[1];
        var restriction = plans[2];
        Assert.Contains(erasure.Notices, n => n.En.Contains("2.0.8", StringComparison.Ordinal));

        var keptIds = erasure.Records.Where(r => r.Outcome is PlanOutcome.Keep or PlanOutcome.KeepRestrictedUntil).Select(r => r.RecordId).ToHashSet();
        var restrictedIds = restriction.Records.Where(r => r.Outcome == PlanOutcome.Restrict).Select(r => r.RecordId).ToHashSet();
        Assert.NotEmpty(keptIds);
        Assert.Equal(keptIds, restrictedIds);
        Assert.Contains(candidate.Id, restrictedIds);
        Assert.All(candidate.PayrollRecords, p => Assert.Contains(p.Id, restrictedIds));
        Assert.DoesNotContain(candidate.Documents[0].Id, restrictedIds);
        Assert.All(restriction.Lines, l =>
        {
            Assert.Equal("2.0.8", l.RuleId);
            Assert.Equal("Art. 18(1)(c) GDPR", l.Article);
        });
        Assert.Equal(new DateOnly(2029, 12, 31), Assert.Single(restriction.For("payroll", RecordSet.PayrollRecords)).KeepUntil);
    }

    [Fact]
    public void Rule_2_0_8_fallback_for_a_never_worked_candidate_restricts_nothing()
    {
        var candidate = NeverWorked();
        var plans = _engine.BuildCombined(
        [
            Input(RequestType.Erasure, candidate),
            Input(RequestType.Restriction, candidate) with { RestrictionGround = RestrictionGround.UnlawfulProcessing },
        ]);

        Assert.Empty(plans[1].Lines);
        Assert.Contains(plans[1].Notices, n => n.En.Contains("no longer needed", StringComparison.Ordinal));
    }
}
