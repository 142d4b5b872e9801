using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.Plans.AsapLikeRegister;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Plans;

public class ErasurePlanTests
{
    private readonly PlanEngine _engine = new();

    [Fact]
    public void ER_2_former_worker_payroll_kept_restricted_until_2029_12_31_under_17_3_b()
    {
        var plan = _engine.Build(Input(RequestType.Erasure, FormerWorker()));

        var payroll = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, payroll.Outcome);
        Assert.Equal(D("2029-12-31"), payroll.KeepUntil);
        Assert.Equal("Art. 17(3)(b) GDPR", payroll.Article);
        Assert.Equal("ER-2", payroll.RuleId);
        Assert.Equal("asap-payroll", payroll.RetentionRuleCode);
        Assert.Equal(6, payroll.RecordCount);
        Assert.Contains("2029-12-31", payroll.Reason.En, StringComparison.Ordinal);
        Assert.Contains("social-security law", payroll.Reason.En, StringComparison.Ordinal);
        Assert.Contains("2029-12-31", payroll.Reason.Nl, StringComparison.Ordinal);
        Assert.Contains("2029-12-31", payroll.Reason.Fr, StringComparison.Ordinal);
    }

    [Fact]
    public void ER_2_tax_records_kept_per_tax_year_until_31_December_of_tax_year_plus_10()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        var lines = plan.For("tax", RecordSet.TaxRecords).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(PlanOutcome.KeepRestrictedUntil, l.Outcome));
        var tax2024 = candidate.TaxRecords.Single(t => t.TaxYear == 2024);
        var tax2023 = candidate.TaxRecords.Single(t => t.TaxYear == 2023);
        Assert.Equal(D("2034-12-31"), lines.Single(l => l.RecordIds.Contains(tax2024.Id)).KeepUntil);
        Assert.Equal(D("2033-12-31"), lines.Single(l => l.RecordIds.Contains(tax2023.Id)).KeepUntil);
        Assert.Equal(D("2034-12-31"), plan.DecisionFor(tax2024.Id)!.KeepUntil);
    }

    [Fact]
    public void ER_4_policy_maximum_never_blocks_application_consent_survey_and_email_data_are_erased()
    {
        var plan = _engine.Build(Input(RequestType.Erasure, FormerWorker()));

        foreach (var set in new[] { RecordSet.Applications, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills })
        {
            var line = Assert.Single(plan.For("application", set));
            Assert.Equal(PlanOutcome.Erase, line.Outcome);
            Assert.Equal("Art. 17(1)(a) GDPR", line.Article);
            Assert.Equal("ER-4", line.RuleId); // EndOfCareer = last activity 2026-10-01 + P2Y is still ahead, yet erased
        }

        var photos = Assert.Single(plan.For("talent-pool", RecordSet.Photos));
        Assert.Equal(PlanOutcome.Erase, photos.Outcome);
        Assert.Equal("Art. 17(1)(b) GDPR", photos.Article);

        var survey = Assert.Single(plan.For("surveys", RecordSet.SurveyAnswers));
        Assert.Equal(PlanOutcome.Anonymise, survey.Outcome); // erasure method from the EF profile
        Assert.Equal("Art. 17(1)(c) GDPR", survey.Article);
        Assert.Equal("ER-4", survey.RuleId);

        var emails = Assert.Single(plan.For("emails", RecordSet.ProfessionalEmails));
        Assert.Equal(PlanOutcome.Erase, emails.Outcome);
        Assert.Contains("ER-4", emails.Reason.En, StringComparison.Ordinal);

        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("assignments", RecordSet.Assignments)).Outcome);
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("emergency", RecordSet.EmergencyContacts)).Outcome);
    }

    [Fact]
    public void ER_7_profile_kept_restricted_minimally_while_statutory_records_are_kept()
    {
        var candidate = FormerWorker();
        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.CandidateProfile)).Outcome);
        var minimal = plan.Lines.Where(l => l.RecordSet == RecordSet.CandidateProfile && l.RuleId == "ER-7").ToList();
        Assert.Equal(["payroll", "tax"], minimal.Select(l => l.PurposeCode).Order().ToArray());

        var profile = plan.DecisionFor(candidate.Id)!;
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, profile.Outcome);
        Assert.Equal(D("2034-12-31"), profile.KeepUntil);
    }

    [Fact]
    public void ER_2_running_contract_keeps_assignments_payroll_profile_and_documents()
    {
        var candidate = RunningWorker();
        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        var assignments = Assert.Single(plan.For("assignments", RecordSet.Assignments));
        Assert.Equal(PlanOutcome.Keep, assignments.Outcome);
        Assert.Equal("ER-2", assignments.RuleId);
        Assert.Null(assignments.KeepUntil);
        Assert.Equal(PlanOutcome.Keep, Assert.Single(plan.For("application", RecordSet.Documents)).Outcome);
        Assert.Equal(PlanOutcome.Keep, plan.DecisionFor(candidate.Id)!.Outcome);

        // Statutory period not started yet (no last working day): kept restricted, date unknown.
        var payroll = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, payroll.Outcome);
        Assert.Null(payroll.KeepUntil);

        // Not needed for the contract: erased.
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.Applications)).Outcome);
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.WorkExperience)).Outcome);
    }

    [Fact]
    public void ER_2_running_contract_override_from_input()
    {
        var candidate = FormerWorker();
        var input = Input(RequestType.Erasure, candidate) with { RunningContractNeeds = new HashSet<RecordSet> { RecordSet.Assignments } };

        var plan = _engine.Build(input);

        Assert.Equal(PlanOutcome.Keep, Assert.Single(plan.For("assignments", RecordSet.Assignments)).Outcome);
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.Documents)).Outcome);
    }

    [Fact]
    public void ER_2_CW_3_never_worked_everything_erased_and_consents_anonymised_as_proof()
    {
        var candidate = NeverWorked();
        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        Assert.False(plan.NoDataHeld);
        Assert.Empty(plan.Kept);
        Assert.Empty(plan.Withheld);
        Assert.All(plan.Lines, l => Assert.Contains(l.Outcome, new[] { PlanOutcome.Erase, PlanOutcome.Anonymise }));
        Assert.All(plan.Records, r => Assert.Contains(r.Outcome, new[] { PlanOutcome.Erase, PlanOutcome.Anonymise }));

        var consentLines = plan.Lines.Where(l => l.RecordSet == RecordSet.Consents).ToList();
        Assert.NotEmpty(consentLines);
        Assert.All(consentLines, l =>
        {
            Assert.Equal(PlanOutcome.Anonymise, l.Outcome);
            Assert.Equal("CW-3", l.RuleId);
        });
        Assert.All(candidate.Consents, c => Assert.Equal(PlanOutcome.Anonymise, plan.DecisionFor(c.Id)!.Outcome));
        Assert.Equal(PlanOutcome.Erase, plan.DecisionFor(candidate.Id)!.Outcome);
        Assert.Contains(plan.Notices, n => n.En.Contains("ER-8", StringComparison.Ordinal));
    }

    [Fact]
    public void LH_3_all_purposes_hold_keeps_every_line_restricted_with_the_hold_reference()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: true);
        var plan = _engine.Build(Input(RequestType.Erasure, candidate, [hold]));

        Assert.NotEmpty(plan.Lines);
        Assert.All(plan.Lines, l =>
        {
            Assert.Equal(PlanOutcome.KeepRestrictedUntil, l.Outcome);
            Assert.Null(l.KeepUntil);
            Assert.Equal(hold.Reference, l.LegalHoldReference);
            Assert.Equal("LH-3", l.RuleId);
            Assert.Equal("Art. 17(3)(e) GDPR", l.Article);
            Assert.Contains(hold.Reference, l.Reason.En, StringComparison.Ordinal);
        });
        Assert.Empty(plan.Erased);
        Assert.All(plan.Records, r => Assert.Equal(PlanOutcome.KeepRestrictedUntil, r.Outcome));
    }

    [Fact]
    public void LH_3_hold_on_payroll_only_holds_only_payroll()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: false, "payroll");
        var plan = _engine.Build(Input(RequestType.Erasure, candidate, [hold]));

        var payroll = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, payroll.Outcome);
        Assert.Equal(hold.Reference, payroll.LegalHoldReference);
        Assert.Null(payroll.KeepUntil);

        Assert.All(plan.For("tax", RecordSet.TaxRecords), l => Assert.Null(l.LegalHoldReference));
        Assert.Equal(2, plan.For("tax", RecordSet.TaxRecords).Count());
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.Documents)).Outcome);
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("emails", RecordSet.ProfessionalEmails)).Outcome);
        Assert.Equal(1, plan.Lines.Count(l => l.LegalHoldReference is not null && l.RecordSet != RecordSet.CandidateProfile));
    }

    [Fact]
    public void LH_1_lifted_hold_no_longer_blocks()
    {
        var candidate = FormerWorker();
        var hold = Hold(candidate, allPurposes: true);
        hold.Lift("dpo@asap.be", "Settled", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

        var plan = _engine.Build(Input(RequestType.Erasure, candidate, [hold]));

        Assert.All(plan.Lines, l => Assert.Null(l.LegalHoldReference));
        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("application", RecordSet.Documents)).Outcome);
    }

    [Fact]
    public void Rule_2_0_1_record_serving_two_purposes_is_not_erased_when_one_keeps_it()
    {
        var candidate = FormerWorker();
        var purposes = Purposes();
        var payroll = purposes.Single(p => p.Code == "payroll");
        payroll.RecordSets.Add(RecordSet.Assignments);
        payroll.RetentionRules.Add(Rule("asap-payroll-assignment", DataCategory.Assignment, RetentionKind.StatutoryMinimum, RetentionAnchor.ContractEnd, "P5Y"));

        var plan = _engine.Build(Input(RequestType.Erasure, candidate, purposes: purposes));

        Assert.Equal(PlanOutcome.Erase, Assert.Single(plan.For("assignments", RecordSet.Assignments)).Outcome);
        var kept = Assert.Single(plan.For("payroll", RecordSet.Assignments));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, kept.Outcome);
        Assert.Equal(D("2029-06-30"), kept.KeepUntil);

        var decision = plan.DecisionFor(candidate.Assignments[0].Id)!;
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, decision.Outcome);
        Assert.Equal(D("2029-06-30"), decision.KeepUntil);
    }

    [Fact]
    public void ER_2_statutory_period_ended_is_erased()
    {
        var candidate = FormerWorker();
        candidate.LastWorkingDay = D("2020-03-31");
        candidate.Assignments[0].EndDate = D("2020-03-31");

        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        var payroll = Assert.Single(plan.For("payroll", RecordSet.PayrollRecords));
        Assert.Equal(PlanOutcome.Erase, payroll.Outcome);
        Assert.Equal("Art. 17(1)(a) GDPR", payroll.Article);
        Assert.Contains("2025-12-31", payroll.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ER_2_compelling_grounds_keep_legitimate_interest_data_and_ER_3_switch_off_withholds()
    {
        var candidate = FormerWorker();
        var compelling = _engine.Build(Input(RequestType.Erasure, candidate) with { CompellingGroundsRecorded = true });
        Assert.Equal(PlanOutcome.Keep, Assert.Single(compelling.For("emails", RecordSet.ProfessionalEmails)).Outcome);

        var noImpliedObjection = _engine.Build(Input(RequestType.Erasure, candidate) with
        {
            Settings = new PlanSettings { ErasureImpliesObjectionForLegitimateInterests = false },
        });
        var emails = Assert.Single(noImpliedObjection.For("emails", RecordSet.ProfessionalEmails));
        Assert.Equal(PlanOutcome.Withhold, emails.Outcome);
        Assert.Equal("ER-3", emails.RuleId);
    }

    [Fact]
    public void ER_2_legal_claims_period_keeps_restricted_with_its_justification()
    {
        var candidate = NeverWorked();
        candidate.Complaints.Add(new PrivacyDesk.Domain.Candidates.Complaint { CandidateId = candidate.Id, CollectedOn = D("2026-06-01"), ReceivedOn = D("2026-06-01"), ClosedOn = D("2026-07-01") });
        var purposes = Purposes();
        purposes.Add(new ProcessingPurpose
        {
            Code = "complaints",
            NameEn = "Complaints",
            LegalBasis = LegalBasis.LegitimateInterests,
            RecordSets = [RecordSet.Complaints],
            RetentionRules = [Rule("claims-complaints", DataCategory.Complaint, RetentionKind.LegalClaimsPeriod, RetentionAnchor.CaseClosed, "P1Y", note: "a complaint can turn into a claim within a year")],
        });

        var plan = _engine.Build(Input(RequestType.Erasure, candidate, purposes: purposes));

        var line = Assert.Single(plan.For("complaints", RecordSet.Complaints));
        Assert.Equal(PlanOutcome.KeepRestrictedUntil, line.Outcome);
        Assert.Equal(D("2027-07-01"), line.KeepUntil);
        Assert.Equal("Art. 17(3)(e) GDPR", line.Article);
        Assert.Contains("a complaint can turn into a claim", line.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ER_2_data_without_registered_purpose_are_erased_under_17_1_d()
    {
        var candidate = NeverWorked();
        candidate.Complaints.Add(new PrivacyDesk.Domain.Candidates.Complaint { CandidateId = candidate.Id, CollectedOn = D("2026-06-01") });

        var plan = _engine.Build(Input(RequestType.Erasure, candidate));

        var line = Assert.Single(plan.Lines, l => l.RecordSet == RecordSet.Complaints);
        Assert.Equal(PlanOutcome.Erase, line.Outcome);
        Assert.Equal("Art. 17(1)(d) GDPR", line.Article);
        Assert.Equal("", line.PurposeCode);
    }

    [Fact]
    public void Erasure_recipients_and_client_companies_for_Art_19()
    {
        var plan = _engine.Build(Input(RequestType.Erasure, FormerWorker()));

        Assert.Contains("mailchimp", plan.RecipientCodes);
        Assert.Contains("social-secretariat", plan.RecipientCodes);
        Assert.Equal(["Brouwerij Bosteels"], plan.ClientCompanies);
    }
}
