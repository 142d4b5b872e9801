using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Plans.PackScenarioBuilders;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// Allegis (seed 004): the summary names no periods, so the pack sets them (§4.6): application data 1 year after
/// the last activity, the talent pool on consent with a 2-year inactivity cap, sourcing 1 year after collection;
/// statutory records per §4.5. Transfers name the Data Privacy Framework, not Privacy Shield (§7).
/// </summary>
public sealed class AllegisPackScenarioTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Consents = ["talent-pool", "marketing", "photo"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("allegis");
    }

    [Fact]
    public async Task Access_gives_each_purpose_its_own_date_from_the_pack_ACC4_ACC6_RET5()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));

        var plan = await App.PlanAsync(candidate, RequestType.Access);

        plan.Expect("application", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2027-10-01"); // last activity + P1Y
        plan.Expect("talent-pool", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2028-10-01"); // consent not withdrawn: cap last activity + P2Y
        plan.Expect("sourcing", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2022-02-01");
        plan.Expect("professional-emails", RecordSet.ProfessionalEmails, PlanOutcome.GiveRedacted, "ACC-6", "2028-02-01");
        Assert.Equal(PlanOutcome.Give, plan.Decision(candidate.Documents[0]));
        Assert.Empty(plan.Withheld);
    }

    [Fact]
    public async Task Erasure_by_a_worker_keeps_payroll_and_tax_restricted_and_erases_talent_pool_and_contract_data_ER2_ER4()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.KeepRestrictedUntil, "ER-2", "2029-12-31");
        Assert.Equal([D("2033-12-31"), D("2034-12-31")], plan.Lines("tax", RecordSet.TaxRecords).Select(l => l.KeepUntil!.Value).Order().ToList());
        Assert.Equal("Art. 17(1)(b) GDPR", plan.Expect("talent-pool", RecordSet.Documents, PlanOutcome.Erase, "ER-4").Article);
        plan.Expect("temporary-work", RecordSet.Assignments, PlanOutcome.Erase, "ER-4"); // own period to 2028-10-01
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Erase, "ER-4");       // own period to 2027-10-01
        plan.Expect("sourcing", RecordSet.Documents, PlanOutcome.Erase, "ER-3");          // its year ended 2022-02-01
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));
        Assert.Equal(D("2029-06-30"), plan.DecisionFor(worker.Assignments[0].Id)!.KeepUntil);
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
    public async Task Portability_gives_application_and_talent_pool_data_but_not_sourcing_or_payroll_PO1_PO2()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Portability);

        plan.Expect("application", RecordSet.WorkExperience, PlanOutcome.Give, "PO-1");
        plan.Expect("talent-pool", RecordSet.LanguageSkills, PlanOutcome.Give, "PO-1");
        plan.Expect("talent-pool", RecordSet.Consents, PlanOutcome.Give, "PO-1"); // consents are given by the person (provided)
        plan.Expect("sourcing", RecordSet.Documents, PlanOutcome.NotApplicable, "PO-1");
        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.NotApplicable, "PO-1");
        plan.Expect("temporary-work", RecordSet.Assignments, PlanOutcome.Give, "PO-2");
        Assert.Contains("national register number is left out", plan.Expect("temporary-work", RecordSet.CandidateProfile, PlanOutcome.Give).Reason.En, StringComparison.Ordinal);
        Assert.Empty(plan.Erased);
    }
}
