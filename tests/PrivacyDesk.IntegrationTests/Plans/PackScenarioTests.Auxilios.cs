using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Plans.PackScenarioBuilders;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// Auxilios (seed 002): candidate data kept "gedurende hun volledige actieve loopbaan", at most 40 years (§4.6:
/// EndOfCareer with a cap of Collected + P40Y, RET-9); re-collection after erasure only under ER-8.
/// </summary>
public sealed class AuxiliosPackScenarioTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Consents = ["marketing", "photo"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("auxilios");
    }

    /// <summary>Registered 1987-03-01 and still active (last activity 2026-10-01): the 40-year cap comes first.</summary>
    private static PrivacyDesk.Domain.Candidates.Candidate VeteranCandidate()
    {
        var c = NeverWorked(Consents);
        c.RegisteredOn = D("1987-03-01");
        c.Documents[0].CollectedOn = D("1987-03-01");
        return c;
    }

    [Fact]
    public async Task Access_states_the_40_year_cap_where_it_comes_before_the_end_of_the_career_RET5_section_4_6()
    {
        var candidate = await App.SaveAsync(VeteranCandidate());

        var plan = await App.PlanAsync(candidate, RequestType.Access);

        // Collected 1987-03-01 + P40Y = 2027-03-01, before end of career (last activity 2026-10-01 + P2Y = 2028-10-01).
        plan.Expect("application", RecordSet.CandidateProfile, PlanOutcome.Give, "ACC-4", "2027-03-01");
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Give, "ACC-4", "2027-03-01");
        // Data collected in 2021 are bounded by the end of the career instead (cap 2061-02-01).
        plan.Expect("application", RecordSet.WorkExperience, PlanOutcome.Give, "ACC-4", "2028-10-01");
        plan.Expect("professional-emails", RecordSet.ProfessionalEmails, PlanOutcome.GiveRedacted, "ACC-6", "2028-02-01");
        Assert.Empty(plan.Withheld);
    }

    [Fact]
    public async Task Erasure_ignores_the_40_year_cap_and_keeps_only_statutory_records_ER4_ER2_section_4_5()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.KeepRestrictedUntil, "ER-2", "2029-12-31");
        Assert.Equal([D("2033-12-31"), D("2034-12-31")], plan.Lines("tax", RecordSet.TaxRecords).Select(l => l.KeepUntil!.Value).Order().ToList());
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Erase, "ER-4");
        plan.Expect("matching", RecordSet.Documents, PlanOutcome.Erase, "ER-4");
        plan.Expect("outplacement", RecordSet.Evaluations, PlanOutcome.Erase, "ER-4");
        plan.Expect("placement", RecordSet.Assignments, PlanOutcome.Erase, "ER-4");
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Evaluations[0]));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, plan.Decision(worker.PayrollRecords[0]));
        // ER-8: no re-collection from public sources; a suppression entry is kept instead.
        Assert.Contains(plan.Notices, n => n.En.Contains("not collected again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_by_a_veteran_candidate_who_never_worked_erases_everything_but_consent_proof_ER4_CW3()
    {
        var candidate = await App.SaveAsync(VeteranCandidate());

        var plan = await App.PlanAsync(candidate, RequestType.Erasure);

        Assert.Empty(plan.Kept);
        plan.Expect("application", RecordSet.Documents, PlanOutcome.Erase, "ER-4"); // cap 2027-03-01 not reached
        Assert.All(plan.Records, r => Assert.True(r.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise, $"{r.RecordSet}: {r.Outcome}"));
    }

    [Fact]
    public async Task Portability_gives_the_contract_data_but_not_the_matching_profile_PO1_PO2()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Portability);

        foreach (var set in new[] { RecordSet.CandidateProfile, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills })
            plan.Expect("application", set, PlanOutcome.Give);
        plan.Expect("matching", RecordSet.Documents, PlanOutcome.NotApplicable, "PO-1");
        plan.Expect("outplacement", RecordSet.Evaluations, PlanOutcome.NotApplicable);
        plan.Expect("payroll", RecordSet.PayrollRecords, PlanOutcome.NotApplicable, "PO-1");
        Assert.Equal(PlanOutcome.NotApplicable, plan.Decision(worker.Evaluations[0]));
        Assert.Empty(plan.Erased);
    }
}
