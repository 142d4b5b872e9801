using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Plans.PackScenarioBuilders;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// ASAP (seed 000) on real PostgreSQL, from the policy's own promises: payroll data "tot 5 jaar na je laatste
/// werkdag" (read per §4.5 as 5 years from the year's closing), tax records 10 years (§4.5), consent data erased,
/// own periods no reason to keep (ER-4, §7), disputes through a scoped legal hold (LH-2), e-mails in the access
/// copy after redaction review (ACC-6, §7), portability without the INSZ (PO-2).
/// </summary>
public sealed class AsapPackScenarioTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly string[] Consents = ["newsletter", "photo"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    [Fact]
    public async Task Erasure_by_a_worker_keeps_payroll_until_2029_12_31_and_tax_for_10_years_restricted_ER2_ER7_section_4_5()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        var payroll = plan.Line("payroll", RecordSet.PayrollRecords);
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, payroll.Outcome);
        Assert.Equal(D("2029-12-31"), payroll.KeepUntil); // last working day 2024-06-30 → end of 2024 + P5Y
        Assert.Equal(worker.PayrollRecords.Count, payroll.RecordCount);
        Assert.Equal(("Art. 17(3)(b) GDPR", "ER-2", "asap-payroll-payroll"), (payroll.Article, payroll.RuleId, payroll.RetentionRuleCode));
        Assert.Contains("until 2029-12-31", payroll.Reason.En, StringComparison.Ordinal);
        Assert.Contains("restricted", payroll.Reason.En, StringComparison.Ordinal);
        Assert.Contains("2029-12-31", payroll.Reason.Nl, StringComparison.Ordinal);
        Assert.Contains("2029-12-31", payroll.Reason.Fr, StringComparison.Ordinal);

        // The contract itself is a social document: 5 years after the contract end (ContractEnd P5Y).
        Assert.Equal(D("2029-06-30"), plan.Line("payroll", RecordSet.Assignments).KeepUntil);

        // Tax: 10 years from the end of each taxable period (Income Tax Code art. 315).
        var tax = plan.Lines("tax", RecordSet.TaxRecords);
        Assert.All(tax, l => Assert.Equal(PlanOutcome.KeepRestrictedUntil, l.Outcome));
        Assert.Equal([D("2033-12-31"), D("2034-12-31")], tax.Select(l => l.KeepUntil!.Value).Order().ToList());

        Assert.All(worker.PayrollRecords, p => Assert.Equal(new RecordDecision(RecordSet.PayrollRecords, p.Id, PlanOutcome.KeepRestrictedUntil, D("2029-12-31")), plan.DecisionFor(p.Id)));
        Assert.Equal(D("2034-12-31"), plan.DecisionFor(worker.TaxRecords.Single(t => t.TaxYear == 2024).Id)!.KeepUntil);

        // ER-7: the identity needed to link the kept records stays, restricted, as long as the latest of them.
        var profile = plan.DecisionFor(worker.Id)!;
        Assert.Equal((PlanOutcome.KeepRestrictedUntil, (DateOnly?)D("2034-12-31")), (profile.Outcome, profile.KeepUntil));
        Assert.True(plan.HasRefusals || plan.Kept.Any());
        Assert.Contains(plan.Notices, n => n.En.Contains("Data Protection Authority", StringComparison.Ordinal)); // N2 for the kept part
    }

    [Fact]
    public async Task Erasure_by_a_worker_erases_consent_data_and_what_only_the_agencys_own_periods_covered_ER4_ER2()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        // Consent (17(1)(b)): the photo goes although its own cap (end of career, 2028-10-01) has not come.
        var photo = plan.Line("photo", RecordSet.Photos);
        Assert.Equal((PlanOutcome.Erase, "Art. 17(1)(b) GDPR", "ER-4"), (photo.Outcome, photo.Article, photo.RuleId));
        // Own periods still running are no reason to keep (ER-4): CV (career), survey (24 months from 2025-10-01),
        // professional e-mails (3 years from 2026-02-01), complaint (5 years after the last working day), assignment record.
        Assert.Equal((PlanOutcome.Erase, "ER-4"), (plan.Line("application", RecordSet.Documents).Outcome, plan.Line("application", RecordSet.Documents).RuleId));
        Assert.Equal((PlanOutcome.Anonymise, "ER-4"), (plan.Line("satisfaction-survey", RecordSet.SurveyAnswers).Outcome, plan.Line("satisfaction-survey", RecordSet.SurveyAnswers).RuleId));
        Assert.Equal((PlanOutcome.Erase, "ER-4"), (plan.Line("professional-emails", RecordSet.ProfessionalEmails).Outcome, plan.Line("professional-emails", RecordSet.ProfessionalEmails).RuleId));
        Assert.Equal((PlanOutcome.Erase, "ER-4"), (plan.Line("complaints", RecordSet.Complaints).Outcome, plan.Line("complaints", RecordSet.Complaints).RuleId));
        Assert.Equal((PlanOutcome.Erase, "ER-4"), (plan.Line("temporary-work", RecordSet.Assignments).Outcome, plan.Line("temporary-work", RecordSet.Assignments).RuleId));
        Assert.Contains("set itself", plan.Line("application", RecordSet.Documents).Reason.En, StringComparison.Ordinal);

        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Photos[0]));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.ProfessionalEmails[0]));
        Assert.Equal(PlanOutcome.Anonymise, plan.Decision(worker.SurveyAnswers[0]));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.EmergencyContacts[0]));
        // 2.0.1: the assignment record serves payroll too, so it stays until the statutory date.
        Assert.Equal(new RecordDecision(RecordSet.Assignments, worker.Assignments[0].Id, PlanOutcome.KeepRestrictedUntil, D("2029-06-30")), plan.DecisionFor(worker.Assignments[0].Id));
        // CW-3: consent evidence is reduced to minimal proof, never kept whole.
        Assert.All(worker.Consents, c => Assert.Equal(PlanOutcome.Anonymise, plan.Decision(c)));
        Assert.Contains(plan.Notices, n => n.En.Contains("suppression entry", StringComparison.Ordinal)); // ER-8
    }

    [Fact]
    public async Task Erasure_by_a_candidate_who_never_worked_erases_everything_but_consent_proof_ER2_CW3()
    {
        var candidate = await App.SaveAsync(NeverWorked(Consents));

        var plan = await App.PlanAsync(candidate, RequestType.Erasure);

        Assert.Empty(plan.Kept);
        Assert.Empty(plan.Withheld);
        Assert.DoesNotContain(plan.Records, r => r.Outcome is not (PlanOutcome.Erase or PlanOutcome.Anonymise));
        Assert.All(candidate.Consents, c => Assert.Equal("CW-3", plan.Lines.First(l => l.RecordIds.Contains(c.Id)).RuleId));
        Assert.Equal(PlanOutcome.Anonymise, plan.Decision(candidate.SurveyAnswers[0]));
        Assert.Equal(PlanOutcome.Anonymise, plan.DecisionFor(candidate.Id)!.Outcome); // profile anonymised irreversibly (ER-5)
        Assert.Equal(PlanOutcome.Erase, plan.Decision(candidate.Applications[0]));
        Assert.Contains("open application is closed", plan.Line("application", RecordSet.Applications).Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_during_an_open_dispute_on_all_purposes_erases_nothing_and_says_so_LH3_ER2()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));
        var hold = await App.PlaceHoldAsync(worker, allPurposes: true);

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        Assert.StartsWith("LH-", hold.Reference, StringComparison.Ordinal);
        Assert.Empty(plan.Erased);
        Assert.All(plan.Lines, l =>
        {
            Assert.Equal(PlanOutcome.KeepRestrictedUntil, l.Outcome);
            Assert.Equal(hold.Reference, l.LegalHoldReference);
        });
        Assert.All(plan.Records, r => Assert.Equal(PlanOutcome.KeepRestrictedUntil, r.Outcome));
        var cv = plan.Line("application", RecordSet.Documents);
        Assert.Equal(("Art. 17(3)(e) GDPR", "LH-3"), (cv.Article, cv.RuleId));
        Assert.Contains($"until legal hold {hold.Reference} is lifted", cv.Reason.En, StringComparison.Ordinal);
        Assert.Contains("legal claim", cv.Reason.En, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Notices, n => n.En.Contains("suppression entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_during_a_dispute_scoped_to_the_emails_keeps_only_those_LH2_ER4()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));
        var hold = await App.PlaceHoldAsync(worker, allPurposes: false, "professional-emails");

        var plan = await App.PlanAsync(worker, RequestType.Erasure);

        var emails = plan.Line("professional-emails", RecordSet.ProfessionalEmails);
        Assert.Equal((PlanOutcome.KeepRestrictedUntil, hold.Reference, "LH-3"), (emails.Outcome, emails.LegalHoldReference, emails.RuleId));
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Documents[0]));      // not relevant to the dispute
        Assert.Equal(PlanOutcome.Erase, plan.Decision(worker.Photos[0]));
        Assert.Equal(D("2029-12-31"), plan.Line("payroll", RecordSet.PayrollRecords).KeepUntil);
    }

    [Fact]
    public async Task Access_includes_the_professional_emails_marked_for_redaction_review_ACC6_ACC4_ACC8()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Access);

        var emails = plan.Line("professional-emails", RecordSet.ProfessionalEmails);
        Assert.Equal((PlanOutcome.GiveRedacted, "ACC-6", "Art. 15(3) and 15(4) GDPR"), (emails.Outcome, emails.RuleId, emails.Article));
        Assert.Equal(D("2029-02-01"), emails.KeepUntil); // 15(1)(d): sent 2026-02-01 + P3Y
        Assert.Contains("redaction review", emails.Reason.En, StringComparison.Ordinal);
        Assert.Equal(PlanOutcome.GiveRedacted, plan.Decision(worker.ProfessionalEmails[0]));
        // Everything else is given whatever its basis (ACC-8), with its computed retention date (15(1)(d)).
        Assert.Empty(plan.Withheld);
        Assert.All(plan.Records.Where(r => r.RecordSet != RecordSet.ProfessionalEmails), r => Assert.Equal(PlanOutcome.Give, r.Outcome));
        Assert.Equal(D("2029-12-31"), plan.Line("payroll", RecordSet.PayrollRecords).KeepUntil);
        Assert.Equal(D("2027-10-01"), plan.Line("satisfaction-survey", RecordSet.SurveyAnswers).KeepUntil);
        Assert.Contains("Brouwerij Bosteels", plan.ClientCompanies); // 15(1)(c): named recipients
        Assert.Contains("social-secretariat", plan.RecipientCodes);
    }

    [Fact]
    public async Task Portability_holds_contact_data_without_INSZ_cv_experience_education_and_languages_PO1_PO2_PO5()
    {
        var worker = await App.SaveAsync(Worker(D("2024-06-30"), Consents));

        var plan = await App.PlanAsync(worker, RequestType.Portability);

        var profile = plan.Line("application", RecordSet.CandidateProfile);
        Assert.Equal(PlanOutcome.Give, profile.Outcome);
        Assert.Contains("national register number is left out", profile.Reason.En, StringComparison.Ordinal);
        foreach (var set in new[] { RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills })
            Assert.Equal((PlanOutcome.Give, "PO-1"), (plan.Line("application", set).Outcome, plan.Line("application", set).RuleId));
        // Legal obligation and legitimate interests are outside the right (PO-1); derived notes too (PO-2).
        Assert.Equal((PlanOutcome.NotApplicable, "PO-1"), (plan.Line("payroll", RecordSet.PayrollRecords).Outcome, plan.Line("payroll", RecordSet.PayrollRecords).RuleId));
        Assert.Equal(PlanOutcome.NotApplicable, plan.Line("tax", RecordSet.TaxRecords).Outcome);
        Assert.Equal(PlanOutcome.NotApplicable, plan.Decision(worker.InterviewNotes[0]));
        Assert.Equal(PlanOutcome.NotApplicable, plan.Decision(worker.ProfessionalEmails[0]));
        Assert.Equal(PlanOutcome.Give, plan.Decision(worker.Assignments[0])); // observed contract data (PO-2)
        Assert.Empty(plan.Erased); // PO-5
        Assert.Empty(plan.Kept);
    }
}
