using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Plans;
using static PrivacyDesk.IntegrationTests.Plans.PackScenarioBuilders;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// Imalink (seed 003): data "deleted or anonymised when no longer needed" made concrete by the pack (application
/// data 2 years after the last activity, project sourcing 1 year after collection), marketing opt-outs kept as a
/// suppression entry (ER-8), complex requests extended by two further months, not "within two months" (EXT-1, §7).
/// </summary>
public sealed class ImalinkPackScenarioTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Consents = ["marketing", "photo"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("imalink");
    }

    [Fact]
    public async Task Access_gives_the_pack_dates_and_defers_deletion_of_expired_sourcing_data_ACC3_ACC4_EXT1()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));
        var request = await App.AddRequestAsync(candidate, RequestType.Access);

        var plan = Assert.Single((await App.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Dpo)).SubRequests).Plan;

        // EXT-1 (§7): one month, extendable by two FURTHER months: received 2026-11-23 → 2026-12-23, at most 2027-02-23.
        Assert.Equal((D("2026-12-23"), D("2027-02-23")), (request.DueOn, request.MaxExtendedDueOn));
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2028-10-01"); // last activity 2026-10-01 + P2Y
        // Project sourcing: collected 2021-02-01 + P1Y has passed; the deletion waits for this answer (ACC-3).
        var sourcing = plan.Expect("project-sourcing", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2022-02-01");
        Assert.Contains("ACC-3", sourcing.Reason.En, StringComparison.Ordinal);
        plan.Expect("professional-emails", RecordSet.ProfessionalEmails, PlanOutcome.GiveRedacted, "ACC-6", "2028-02-01");
        Assert.Empty(plan.Withheld);
    }

    [Fact]
    public async Task Erasure_by_a_worker_keeps_statutory_records_and_erases_the_rest_with_a_suppression_entry_ER2_ER4_ER8()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.KeepRestrictedUntil, "ER-2", "2029-12-31");
        plan.Expect("payroll", RecordSet.Assignments, PlanOutcome.KeepRestrictedUntil, "ER-2", "2029-06-30");
        plan.Expect("assignments", RecordSet.Assignments, PlanOutcome.Erase, "ER-4"); // own period to 2028-10-01
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Erase, "ER-4");
        Assert.Equal("Art. 17(1)(b) GDPR", plan.Expect("marketing", RecordSet.CandidateProfile, PlanOutcome.Anonymise).Article);
        plan.Expect("marketing", RecordSet.Consents, PlanOutcome.Anonymise, "CW-3");
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));
        Assert.Contains(plan.Notices, n => n.En.Contains("suppression entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_by_a_candidate_who_never_worked_erases_everything_but_consent_proof_ER2_CW3()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));

        var plan = await App.PlanAsync(candidate, RequestType.Erasure);

        Assert.Empty(plan.Kept);
        Assert.All(plan.Records, r => Assert.True(r.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise, $"{r.RecordSet}: {r.Outcome}"));
        // Sourcing data past their own year are erased on the plain ground (ER-3), not ER-4.
        plan.Expect("project-sourcing", RecordSet.Documents, PlanOutcome.Erase, "ER-3");
    }

    [Fact]
    public async Task Portability_gives_application_and_marketing_data_but_not_sourcing_PO1_PO2()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));

        var plan = await App.PlanAsync(candidate, RequestType.Portability);

        foreach (var set in new[] { RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills })
            plan.Expect("application", set, PlanOutcome.Give, "PO-1");
        plan.Expect("project-sourcing", RecordSet.Documents, PlanOutcome.NotApplicable, "PO-1");
        plan.Expect("marketing", RecordSet.Consents, PlanOutcome.Give, "PO-1"); // consents are given by the person (provided)
        Assert.Contains("national register number is left out", plan.Expect("application", RecordSet.CandidateProfile, PlanOutcome.Give).Reason.En, StringComparison.Ordinal);
        Assert.Equal(PlanOutcome.NotApplicable, plan.Decision(candidate.InterviewNotes[0]));
        Assert.Empty(plan.Erased);
    }
}
