using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.Plans.AsapLikeRegister;

namespace PrivacyDesk.UnitTests.Plans;

public class ObjectionConsentPlanTests
{
    private readonly PlanEngine _engine = new();

    [Fact]
    public void OB_2_objection_to_legitimate_interest_purpose_upheld_stops_and_erases_data_needed_nowhere_else()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Objection, candidate) with { ObjectionPurposeCodes = ["surveys"] });

        var lines = plan.For("surveys", RecordSet.SurveyAnswers).ToList();
        Assert.Contains(lines, l => l.Outcome == PlanOutcome.StopProcessing && l.RuleId == "OB-2" && l.Article == "Art. 21(1) GDPR");
        var fate = Assert.Single(lines, l => l.Outcome != PlanOutcome.StopProcessing);
        Assert.Equal(PlanOutcome.Anonymise, fate.Outcome);
        Assert.Equal("Art. 17(1)(c) GDPR", fate.Article);
        Assert.Equal(PlanOutcome.Anonymise, plan.DecisionFor(candidate.SurveyAnswers[0].Id)!.Outcome);
        Assert.All(plan.Lines, l => Assert.Equal("surveys", l.PurposeCode));
    }

    [Fact]
    public void OB_2_objected_data_kept_for_another_purpose_stay_restricted_to_it()
    {
        var candidate = FormerWorker();
        var purposes = Purposes();
        // Matching on the profile under legitimate interests; the profile also serves the application (contract).
        purposes.Add(new ProcessingPurpose
        {
            Code = "matching",
            NameEn = "Matching",
            LegalBasis = LegalBasis.LegitimateInterests,
            RecordSets = [RecordSet.CandidateProfile],
        });

        var plan = _engine.Build(Input(RequestType.Objection, candidate, purposes: purposes) with { ObjectionPurposeCodes = ["matching"] });

        var fate = Assert.Single(plan.For("matching", RecordSet.CandidateProfile), l => l.Outcome != PlanOutcome.StopProcessing);
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, fate.Outcome);
        Assert.Contains("application (en)", fate.Reason.En, StringComparison.Ordinal);
        Assert.Equal("OB-2", fate.RuleId);
    }

    [Fact]
    public void OB_2_compelling_grounds_recorded_keep_processing_with_the_DPO_balancing()
    {
        var plan = _engine.Build(Input(RequestType.Objection, FormerWorker()) with
        {
            ObjectionPurposeCodes = ["surveys"],
            CompellingGroundsRecorded = true,
        });

        var line = Assert.Single(plan.For("surveys", RecordSet.SurveyAnswers));
        Assert.Equal(PlanOutcome.Keep, line.Outcome);
        Assert.Equal("OB-2", line.RuleId);
        Assert.Contains("balancing", line.Reason.En, StringComparison.Ordinal);
        Assert.Contains("RS-7", line.Reason.En, StringComparison.Ordinal);
        Assert.Empty(plan.Erased);
    }

    [Fact]
    public void OB_1_objection_without_codes_covers_all_legitimate_interest_purposes()
    {
        var plan = _engine.Build(Input(RequestType.Objection, FormerWorker()));

        var stopped = plan.Lines.Where(l => l.Outcome == PlanOutcome.StopProcessing).Select(l => l.PurposeCode).ToHashSet();
        Assert.Equal(new HashSet<string> { "surveys", "contact", "emails", "assessments", "emergency", "consents-proof" }, stopped);
        Assert.DoesNotContain(plan.Lines, l => l.PurposeCode is "payroll" or "application" or "newsletter");
    }

    [Fact]
    public void OB_4_objection_to_consent_purpose_is_not_applicable_withdraw_instead()
    {
        var plan = _engine.Build(Input(RequestType.Objection, FormerWorker()) with { ObjectionPurposeCodes = ["talent-pool", "payroll"] });

        Assert.All(plan.Lines, l =>
        {
            Assert.Equal(PlanOutcome.NotApplicable, l.Outcome);
            Assert.Equal("OB-4", l.RuleId);
        });
        Assert.Contains("withdraw your consent", plan.For("talent-pool", RecordSet.Photos).Single().Reason.En, StringComparison.Ordinal);
        Assert.Contains("required by law", plan.For("payroll", RecordSet.PayrollRecords).Single().Reason.En, StringComparison.Ordinal);
        Assert.Empty(plan.Erased);
        Assert.Empty(plan.RecipientCodes);
    }

    [Fact]
    public void OB_3_marketing_objection_is_absolute_and_erases_nothing()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Objection, candidate) with { MarketingObjection = true, CompellingGroundsRecorded = true });

        Assert.NotEmpty(plan.Lines);
        Assert.All(plan.Lines, l =>
        {
            Assert.Equal("newsletter", l.PurposeCode);
            Assert.Equal(PlanOutcome.StopProcessing, l.Outcome);
            Assert.Equal("OB-3", l.RuleId);
        });
        Assert.Empty(plan.Erased);
        Assert.Contains("mailchimp", plan.RecipientCodes);
        Assert.Contains(plan.Notices, n => n.En.Contains("CLK-DM", StringComparison.Ordinal));
    }

    [Fact]
    public void LH_3_objection_to_held_purpose_keeps_data_for_the_claim()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: false, "emails");
        var plan = _engine.Build(Input(RequestType.Objection, candidate, [hold]) with { ObjectionPurposeCodes = ["emails"] });

        var fate = Assert.Single(plan.For("emails", RecordSet.ProfessionalEmails), l => l.Outcome != PlanOutcome.StopProcessing);
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, fate.Outcome);
        Assert.Equal(hold.Reference, fate.LegalHoldReference);
        Assert.Equal("LH-3", fate.RuleId);
    }

    [Fact]
    public void CW_2_CW_3_talent_pool_consent_withdrawal_stops_erases_photos_and_keeps_consent_proof()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.ConsentWithdrawal, candidate) with { ConsentPurposeCodes = ["talent-pool"] });

        Assert.All(plan.Lines, l => Assert.Equal("talent-pool", l.PurposeCode));
        Assert.Contains(plan.Lines, l => l.RecordSet == RecordSet.Photos && l.Outcome == PlanOutcome.StopProcessing && l.RuleId == "CW-2");
        var photos = Assert.Single(plan.For("talent-pool", RecordSet.Photos), l => l.Outcome != PlanOutcome.StopProcessing);
        Assert.Equal(PlanOutcome.Erase, photos.Outcome);
        Assert.Equal("Art. 17(1)(b) GDPR", photos.Article);

        var talentConsent = candidate.Consents.Single(c => c.PurposeCode == "talent-pool");
        var proof = Assert.Single(plan.For("talent-pool", RecordSet.Consents), l => l.Outcome == PlanOutcome.Keep);
        Assert.Equal("CW-3", proof.RuleId);
        Assert.Equal([talentConsent.Id], proof.RecordIds);
        Assert.Equal(PlanOutcome.Keep, plan.DecisionFor(talentConsent.Id)!.Outcome);
        // The newsletter consent is untouched.
        Assert.Null(plan.DecisionFor(candidate.Consents.Single(c => c.PurposeCode == "newsletter").Id));
    }

    [Fact]
    public void CW_6_newsletter_withdrawal_is_also_a_marketing_objection_and_the_profile_stays_for_the_application()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.ConsentWithdrawal, candidate) with { ConsentPurposeCodes = ["newsletter"] });

        var stop = Assert.Single(plan.For("newsletter", RecordSet.CandidateProfile), l => l.Outcome == PlanOutcome.StopProcessing);
        Assert.Equal("CW-6", stop.RuleId);
        Assert.Contains("21(2)", stop.Reason.En, StringComparison.Ordinal);
        var profile = Assert.Single(plan.For("newsletter", RecordSet.CandidateProfile), l => l.Outcome != PlanOutcome.StopProcessing);
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, profile.Outcome);
        Assert.Contains("application (en)", profile.Reason.En, StringComparison.Ordinal);
        Assert.NotEqual(PlanOutcome.Erase, plan.DecisionFor(candidate.Id)!.Outcome);
    }

    [Fact]
    public void CW_2_withdrawal_of_all_consents_and_non_consent_purpose_is_not_applicable()
    {
        var candidate = FormerWorker();
        var all = _engine.Build(Input(RequestType.ConsentWithdrawal, candidate));
        Assert.Equal(new HashSet<string> { "talent-pool", "newsletter" }, all.Lines.Select(l => l.PurposeCode).ToHashSet());

        var wrong = _engine.Build(Input(RequestType.ConsentWithdrawal, candidate) with { ConsentPurposeCodes = ["payroll"] });
        Assert.All(wrong.Lines, l => Assert.Equal(PlanOutcome.NotApplicable, l.Outcome));
    }
}
