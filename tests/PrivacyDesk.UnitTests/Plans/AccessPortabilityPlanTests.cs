using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.Plans.AsapLikeRegister;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Plans;

public class AccessPortabilityPlanTests
{
    private readonly PlanEngine _engine = new();

    [Fact]
    public void ACC_4_ACC_8_access_gives_everything_whatever_the_basis()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Access, candidate));

        Assert.False(plan.NoDataHeld);
        Assert.False(plan.HasRefusals);
        Assert.All(plan.Lines, l => Assert.Contains(l.Outcome, new[] { PlanOutcome.Give, PlanOutcome.GiveRedacted }));
        Assert.All(plan.Records, r => Assert.Contains(r.Outcome, new[] { PlanOutcome.Give, PlanOutcome.GiveRedacted }));

        // Every record set that holds data is in the answer, including opinions (Nowak) and third-party entries.
        foreach (var set in new[] { RecordSet.PayrollRecords, RecordSet.TaxRecords, RecordSet.InterviewNotes, RecordSet.Evaluations, RecordSet.EmergencyContacts, RecordSet.ClientDisclosures })
        {
            Assert.Contains(plan.Given, l => l.RecordSet == set && l.Outcome == PlanOutcome.Give);
        }

        Assert.Contains("Nowak", Assert.Single(plan.For("assessments", RecordSet.InterviewNotes)).Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ACC_6_professional_emails_given_after_redaction_review()
    {
        var plan = _engine.Build(Input(RequestType.Access, FormerWorker()));

        var emails = Assert.Single(plan.For("emails", RecordSet.ProfessionalEmails));
        Assert.Equal(PlanOutcome.GiveRedacted, emails.Outcome);
        Assert.Equal("ACC-6", emails.RuleId);
        Assert.Equal("Art. 15(3) and 15(4) GDPR", emails.Article);
        Assert.Contains("redaction review", emails.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ACC_4_d_retention_date_per_purpose_line()
    {
        var plan = _engine.Build(Input(RequestType.Access, FormerWorker()));

        Assert.Equal(D("2029-12-31"), Assert.Single(plan.For("payroll", RecordSet.PayrollRecords)).KeepUntil);
        Assert.Equal(D("2034-12-31"), Assert.Single(plan.For("tax", RecordSet.TaxRecords)).KeepUntil);
        Assert.Equal(D("2027-10-01"), Assert.Single(plan.For("surveys", RecordSet.SurveyAnswers)).KeepUntil);
        Assert.Equal(D("2029-02-01"), Assert.Single(plan.For("emails", RecordSet.ProfessionalEmails)).KeepUntil);
        // Consent still active: the end date is not known yet, and the reason says so.
        var photos = Assert.Single(plan.For("talent-pool", RecordSet.Photos));
        Assert.Null(photos.KeepUntil);
        Assert.Contains("not known yet", photos.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ACC_3_expired_retention_is_deferred_while_access_is_open()
    {
        var plan = _engine.Build(Input(RequestType.Access, FormerWorker()));

        var contact = Assert.Single(plan.For("contact", RecordSet.ContactMessages)); // closed 2026-01-10 + P1Y: not yet
        Assert.Equal(D("2027-01-10"), contact.KeepUntil);
        var emergency = Assert.Single(plan.For("emergency", RecordSet.EmergencyContacts)); // 2024-06-30 + P6M: expired
        Assert.Equal(D("2024-12-30"), emergency.KeepUntil); // same day number 6 months later (RET-4)
        Assert.Contains("ACC-3", emergency.Reason.En, StringComparison.Ordinal);
        Assert.Contains(plan.Notices, n => n.En.Contains("ACC-3", StringComparison.Ordinal));
    }

    [Fact]
    public void ACC_4_c_recipients_and_client_companies_are_named()
    {
        var plan = _engine.Build(Input(RequestType.Access, FormerWorker()));

        Assert.Contains("rsz-onss", plan.RecipientCodes);
        Assert.Contains("fps-finance", plan.RecipientCodes);
        Assert.Contains("survey-firm", plan.RecipientCodes);
        Assert.Equal(["Brouwerij Bosteels"], plan.ClientCompanies);
    }

    [Fact]
    public void LH_3_held_data_are_still_given_on_access()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: true);
        var plan = _engine.Build(Input(RequestType.Access, candidate, [hold]));

        Assert.All(plan.Lines, l =>
        {
            Assert.Contains(l.Outcome, new[] { PlanOutcome.Give, PlanOutcome.GiveRedacted });
            Assert.Equal(hold.Reference, l.LegalHoldReference);
        });
    }

    [Fact]
    public void ACC_4_no_data_held_says_so_plainly()
    {
        var plan = _engine.Build(Input(RequestType.Access, null));

        Assert.True(plan.NoDataHeld);
        Assert.Empty(plan.Lines);
        Assert.Empty(plan.Records);
        var notice = Assert.Single(plan.Notices);
        Assert.Contains("confirmation: no", notice.En, StringComparison.Ordinal);
        Assert.Contains("bevestiging: nee", notice.Nl, StringComparison.Ordinal);
        Assert.Contains("confirmation : non", notice.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public void PO_1_PO_2_portability_gives_provided_and_observed_data_of_consent_and_contract_purposes()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Portability, candidate));

        foreach (var set in new[] { RecordSet.CandidateProfile, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills })
        {
            var line = Assert.Single(plan.For("application", set));
            Assert.Equal(PlanOutcome.Give, line.Outcome);
            Assert.Equal("PO-1", line.RuleId);
        }

        foreach (var (purpose, set) in new[] { ("application", RecordSet.Applications), ("assignments", RecordSet.Assignments), ("talent-pool", RecordSet.Consents) })
        {
            var line = Assert.Single(plan.For(purpose, set));
            Assert.Equal(PlanOutcome.Give, line.Outcome);
            Assert.Equal("PO-2", line.RuleId);
        }

        var profile = Assert.Single(plan.For("application", RecordSet.CandidateProfile));
        Assert.Contains("national register number is left out", profile.Reason.En, StringComparison.Ordinal);
        Assert.Contains("rijksregisternummer", profile.Reason.Nl, StringComparison.Ordinal);
    }

    [Fact]
    public void PO_1_PO_2_portability_excludes_payroll_tax_notes_evaluations_emails_emergency_contacts()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Portability, candidate));

        foreach (var (purpose, set, rule) in new[]
        {
            ("payroll", RecordSet.PayrollRecords, "PO-1"),
            ("tax", RecordSet.TaxRecords, "PO-1"),
            ("assessments", RecordSet.InterviewNotes, "PO-1"),
            ("assessments", RecordSet.Evaluations, "PO-1"),
            ("emails", RecordSet.ProfessionalEmails, "PO-1"),
            ("emergency", RecordSet.EmergencyContacts, "PO-1"),
            ("disclosures", RecordSet.ClientDisclosures, "PO-1"),
        })
        {
            var line = Assert.Single(plan.For(purpose, set));
            Assert.Equal(PlanOutcome.NotApplicable, line.Outcome);
            Assert.Equal(rule, line.RuleId);
            Assert.Contains("access request", line.Reason.En, StringComparison.Ordinal);
        }

        Assert.All(candidate.PayrollRecords, p => Assert.Equal(PlanOutcome.NotApplicable, plan.DecisionFor(p.Id)!.Outcome));
        Assert.All(candidate.InterviewNotes, n => Assert.Equal(PlanOutcome.NotApplicable, plan.DecisionFor(n.Id)!.Outcome));
        Assert.Equal(PlanOutcome.Give, plan.DecisionFor(candidate.Id)!.Outcome);
    }

    [Fact]
    public void PO_2_derived_and_third_party_sets_stay_out_even_under_a_portable_contract_purpose()
    {
        var candidate = FormerWorker();
        var purposes = Purposes();
        var application = purposes.Single(p => p.Code == "application");
        application.RecordSets.AddRange([RecordSet.InterviewNotes, RecordSet.EmergencyContacts]);

        var plan = _engine.Build(Input(RequestType.Portability, candidate, purposes: purposes));

        Assert.Equal("PO-2", Assert.Single(plan.For("application", RecordSet.InterviewNotes)).RuleId);
        var emergency = Assert.Single(plan.For("application", RecordSet.EmergencyContacts));
        Assert.Equal(PlanOutcome.NotApplicable, emergency.Outcome);
        Assert.Equal("Art. 20(4) GDPR", emergency.Article);
    }

    [Fact]
    public void PO_2_national_number_always_left_out_as_the_archive_does_and_PO_5_nothing_erased()
    {
        var plan = _engine.Build(Input(RequestType.Portability, FormerWorker()));

        Assert.Contains("national register number", Assert.Single(plan.For("application", RecordSet.CandidateProfile)).Reason.En, StringComparison.Ordinal);
        Assert.Empty(plan.Erased);
        Assert.Empty(plan.Kept);
        Assert.Contains(plan.Notices, n => n.En.Contains("PO-5", StringComparison.Ordinal));
    }
}
