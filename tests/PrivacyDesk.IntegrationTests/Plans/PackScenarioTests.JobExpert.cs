using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Plans.PackScenarioBuilders;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// Job Expert (seed 001): worker data "5 jaar bijgehouden na het afsluiten van het laatste contract" is a policy
/// maximum except for the statutory records (§7, ER-4); payroll cannot be objected to (OB-4); the pack keeps
/// evaluations and e-mails one year after the contract for legal claims (art. 15 Law of 3 July 1978, RET-2).
/// The worker's last contract ended 2026-03-31; today is 2026-11-23.
/// </summary>
public sealed class JobExpertPackScenarioTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Consents = ["service-information", "photos-videos"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("job-expert");
    }

    [Fact]
    public async Task Erasure_keeps_statutory_and_claims_records_and_erases_the_5_year_policy_data_ER2_ER4_RET2()
    {
        var worker = await App.SaveAsync(Worker(D("2026-03-31"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.KeepRestrictedUntil, "ER-2", "2031-12-31");
        plan.Expect("payroll", RecordSet.Assignments, PlanOutcome.KeepRestrictedUntil, "ER-2", "2031-03-31");
        Assert.Equal([D("2035-12-31"), D("2036-12-31")], plan.Lines("tax", RecordSet.TaxRecords).Select(l => l.KeepUntil!.Value).Order().ToList());
        // LegalClaimsPeriod ContractEnd + P1Y (17(3)(e)): kept to 2027-03-31, restricted.
        var claims = plan.Expect("legal-claims", RecordSet.Evaluations, PlanOutcome.KeepRestrictedUntil, "ER-2", "2027-03-31");
        Assert.Equal("Art. 17(3)(e) GDPR", claims.Article);
        plan.Expect("legal-claims", RecordSet.ProfessionalEmails, PlanOutcome.KeepRestrictedUntil, "ER-2", "2027-03-31");
        Assert.Equal(new RecordDecision(RecordSet.Evaluations, worker.Evaluations[0].Id, PlanOutcome.KeepRestrictedUntil, D("2027-03-31")), plan.DecisionFor(worker.Evaluations[0].Id));
        // "5 years after the last contract" (to 2031-03-31) is the agency's own period: no reason to keep (ER-4, §7).
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Erase, "ER-4");
        plan.Expect("temporary-work", RecordSet.Documents, PlanOutcome.Erase, "ER-4");
        plan.Expect("temporary-work", RecordSet.Assignments, PlanOutcome.Erase, "ER-4");
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.WorkExperience[0]));
        // Consent-based photos go (17(1)(b)); emergency data (vital interests) are no longer needed.
        Assert.Equal("Art. 17(1)(b) GDPR", plan.Expect("photos-videos", RecordSet.Photos, PlanOutcome.Erase).Article);
        plan.Expect("emergency-contact", RecordSet.EmergencyContacts, PlanOutcome.Erase, "ER-2");
    }

    [Fact]
    public async Task Erasure_by_a_candidate_who_never_worked_erases_everything_but_consent_proof_ER2_CW3()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));

        var plan = await App.PlanAsync(candidate, RequestType.Erasure);

        Assert.Empty(plan.Kept);
        Assert.All(plan.Records, r => Assert.True(r.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise, $"{r.RecordSet}: {r.Outcome}"));
        Assert.All(candidate.Consents, c => Assert.Equal(PlanOutcome.Anonymise, plan.Decision(c)));
    }

    [Fact]
    public async Task Access_gives_everything_with_the_pack_dates_and_emails_after_redaction_review_ACC4_ACC6()
    {
        var worker = await App.SaveAsync(Worker(D("2026-03-31"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Access);

        plan.Expect("temporary-work", RecordSet.Assignments, PlanOutcome.Give, "ACC-4", "2031-03-31");   // ContractEnd + P5Y
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2031-03-31");
        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.Give, "ACC-4", "2031-12-31");
        plan.Expect("legal-claims", RecordSet.Evaluations, PlanOutcome.Give, "ACC-4", "2027-03-31");
        plan.Expect("professional-emails", RecordSet.ProfessionalEmails, PlanOutcome.GiveRedacted, "ACC-6", "2029-02-01");
        plan.Expect("legal-claims", RecordSet.ProfessionalEmails, PlanOutcome.GiveRedacted, "ACC-6");
        Assert.Empty(plan.Withheld);
        Assert.Empty(plan.Erased);
    }

    [Fact]
    public async Task Portability_gives_contract_and_consent_data_but_not_the_legitimate_interest_application_file_PO1_PO2()
    {
        var worker = await App.SaveAsync(Worker(D("2026-03-31"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Portability);

        Assert.Contains("national register number is left out", plan.Expect("temporary-work", RecordSet.CandidateProfile, PlanOutcome.Give).Reason.En, StringComparison.Ordinal);
        plan.Expect("temporary-work", RecordSet.Documents, PlanOutcome.Give, "PO-1");
        plan.Expect("temporary-work", RecordSet.Assignments, PlanOutcome.Give, "PO-2");
        // The pack bases applications on legitimate interests, so declared experience falls outside Art. 20 (PO-1).
        plan.Expect("application", RecordSet.WorkExperience, PlanOutcome.NotApplicable, "PO-1");
        Assert.Equal(PlanOutcome.NotApplicable, plan.Decision(worker.WorkExperience[0]));
        Assert.Equal(PlanOutcome.Give, plan.Decision(worker.Documents[0]));
        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.NotApplicable, "PO-1");
        Assert.Empty(plan.Erased);
    }
}
