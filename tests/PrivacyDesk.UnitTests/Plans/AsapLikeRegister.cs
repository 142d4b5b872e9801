using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Plans;

/// <summary>A small register shaped like the ASAP pack (gdpr-rules.md §4.6), plus candidates to run it on.</summary>
internal static class AsapLikeRegister
{
    public static readonly DateOnly Today = D("2026-11-22");

    public static List<ProcessingPurpose> Purposes() =>
    [
        Purpose("application", LegalBasis.Contract, 10, portable: true,
            [RecordSet.CandidateProfile, RecordSet.Applications, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills],
            [Rule("asap-application", DataCategory.Application, RetentionKind.PolicyMaximum, RetentionAnchor.EndOfCareer, "P0D")],
            "ats-vendor"),
        Purpose("talent-pool", LegalBasis.Consent, 20, portable: true,
            [RecordSet.Photos, RecordSet.Consents],
            [Rule("asap-talent-pool", DataCategory.Photo, RetentionKind.PolicyMaximum, RetentionAnchor.ConsentWithdrawn, "P0D")]),
        Purpose("assignments", LegalBasis.Contract, 30, portable: true,
            [RecordSet.Assignments],
            [Rule("asap-assignments", DataCategory.Assignment, RetentionKind.PolicyMaximum, RetentionAnchor.LastWorkingDay, "P5Y")],
            "hrlinkit"),
        Purpose("payroll", LegalBasis.LegalObligation, 40, portable: false,
            [RecordSet.PayrollRecords],
            [Rule("asap-payroll", DataCategory.Payroll, RetentionKind.StatutoryMinimum, RetentionAnchor.LastWorkingDay, "P5Y", AnchorAdjust.EndOfCalendarYear, "RD 8 August 1980")],
            "social-secretariat", "rsz-onss"),
        Purpose("tax", LegalBasis.LegalObligation, 50, portable: false,
            [RecordSet.TaxRecords],
            [Rule("asap-tax", DataCategory.Tax, RetentionKind.StatutoryMinimum, RetentionAnchor.TaxablePeriodEnd, "P10Y", AnchorAdjust.EndOfCalendarYear, "Income Tax Code 1992 art. 315")],
            "fps-finance"),
        Purpose("surveys", LegalBasis.LegitimateInterests, 60, portable: false,
            [RecordSet.SurveyAnswers],
            [Rule("asap-surveys", DataCategory.Survey, RetentionKind.PolicyMaximum, RetentionAnchor.Collected, "P24M")],
            "survey-firm"),
        Purpose("contact", LegalBasis.LegitimateInterests, 70, portable: false,
            [RecordSet.ContactMessages],
            [Rule("asap-contact", DataCategory.Communication, RetentionKind.PolicyMaximum, RetentionAnchor.CaseClosed, "P1Y")]),
        Purpose("emails", LegalBasis.LegitimateInterests, 80, portable: false,
            [RecordSet.ProfessionalEmails],
            [Rule("asap-emails", DataCategory.Communication, RetentionKind.PolicyMaximum, RetentionAnchor.Collected, "P3Y")]),
        Purpose("newsletter", LegalBasis.Consent, 90, portable: true,
            [RecordSet.CandidateProfile, RecordSet.Consents],
            [Rule("asap-newsletter", DataCategory.Contact, RetentionKind.PolicyMaximum, RetentionAnchor.ConsentWithdrawn, "P0D")],
            "mailchimp", marketing: true),
        Purpose("assessments", LegalBasis.LegitimateInterests, 100, portable: false,
            [RecordSet.InterviewNotes, RecordSet.Evaluations],
            [Rule("asap-assessments", DataCategory.Assessment, RetentionKind.PolicyMaximum, RetentionAnchor.EndOfCareer, "P0D")]),
        Purpose("emergency", LegalBasis.LegitimateInterests, 110, portable: false,
            [RecordSet.EmergencyContacts],
            [Rule("asap-emergency", DataCategory.ThirdParty, RetentionKind.PolicyMaximum, RetentionAnchor.LastWorkingDay, "P6M")]),
        Purpose("consents-proof", LegalBasis.LegitimateInterests, 120, portable: false,
            [RecordSet.Consents],
            [Rule("asap-consents-proof", DataCategory.Consent, RetentionKind.PolicyMaximum, RetentionAnchor.ConsentWithdrawn, "P5Y")]),
        Purpose("disclosures", LegalBasis.Contract, 130, portable: false,
            [RecordSet.ClientDisclosures],
            [Rule("asap-disclosures", DataCategory.Disclosure, RetentionKind.PolicyMaximum, RetentionAnchor.EndOfCareer, "P0D")]),
    ];

    public static Dictionary<RecordSet, RecordSetProfile> Profiles()
    {
        var provided = new HashSet<RecordSet>
        {
            RecordSet.CandidateProfile, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills,
            RecordSet.Photos, RecordSet.EmergencyContacts, RecordSet.ContactMessages, RecordSet.Complaints, RecordSet.SurveyAnswers,
        };
        return Enum.GetValues<RecordSet>().ToDictionary(s => s, s => new RecordSetProfile(
            s,
            provided.Contains(s),
            s == RecordSet.SurveyAnswers ? ErasureMethod.Anonymise : ErasureMethod.Delete,
            s == RecordSet.CandidateProfile ? ["NationalNumberEncrypted"] : []));
    }

    /// <summary>A former temporary worker: last working day 2024-06-30, data in every record set.</summary>
    public static Candidate FormerWorker()
    {
        var c = NewCandidate();
        c.EmploymentStatus = EmploymentStatus.FormerWorker;
        c.LastWorkingDay = D("2024-06-30");
        c.Assignments.Add(new Assignment { CandidateId = c.Id, CollectedOn = D("2024-01-02"), ClientCompany = "Brouwerij Bosteels", JobTitle = "Operator", StartDate = D("2024-01-02"), EndDate = D("2024-06-30") });
        for (var month = 1; month <= 6; month++)
        {
            c.PayrollRecords.Add(new PayrollRecord { CandidateId = c.Id, CollectedOn = new DateOnly(2024, month, 28), Year = 2024, Month = month, GrossAmount = 2500m, NetAmount = 1900m, BankAccount = "BE71096123456769" });
        }

        c.TaxRecords.Add(new TaxRecord { CandidateId = c.Id, CollectedOn = D("2024-02-15"), TaxYear = 2023 });
        c.TaxRecords.Add(new TaxRecord { CandidateId = c.Id, CollectedOn = D("2025-02-15"), TaxYear = 2024 });
        c.ClientDisclosures.Add(new ClientDisclosure { CandidateId = c.Id, CollectedOn = D("2023-12-01"), ClientCompany = "Brouwerij Bosteels", DisclosedOn = D("2023-12-01"), PurposeCode = "application" });
        c.EmergencyContacts.Add(new EmergencyContact { CandidateId = c.Id, CollectedOn = D("2024-01-02"), Name = "Els Peeters", Relationship = "partner", Phone = "+32470000000" });
        return c;
    }

    /// <summary>A candidate who applied and registered but never worked through the agency.</summary>
    public static Candidate NeverWorked() => NewCandidate();

    /// <summary>A worker on a running assignment (no end date).</summary>
    public static Candidate RunningWorker()
    {
        var c = NewCandidate();
        c.EmploymentStatus = EmploymentStatus.Working;
        c.Assignments.Add(new Assignment { CandidateId = c.Id, CollectedOn = D("2026-09-01"), ClientCompany = "Volvo Cars Gent", JobTitle = "Logistiek medewerker", StartDate = D("2026-09-01") });
        c.PayrollRecords.Add(new PayrollRecord { CandidateId = c.Id, CollectedOn = D("2026-09-30"), Year = 2026, Month = 9, GrossAmount = 2600m, NetAmount = 1950m });
        return c;
    }

    public static PlanInput Input(RequestType type, Candidate? candidate, IReadOnlyList<LegalHold>? holds = null,
        IReadOnlyList<ProcessingPurpose>? purposes = null) => new()
        {
            Type = type,
            Candidate = candidate,
            Purposes = purposes ?? Purposes(),
            Holds = holds ?? [],
            Profiles = Profiles(),
            Today = Today,
        };

    public static LegalHold Hold(Candidate candidate, bool allPurposes, params string[] purposeCodes) =>
        LegalHold.Place(candidate.Id, allPurposes, purposeCodes, LegalHoldReason.Litigation, "AR Gent 26/1234",
            "Claim before the labour court about overtime pay", allPurposes ? "The claim concerns the whole file." : null,
            "Final judgment plus appeal period", D("2027-02-15"), "dpo@asap.be",
            new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), D("2026-11-01"));

    private static Candidate NewCandidate()
    {
        var c = new Candidate
        {
            FirstName = "Lotte",
            LastName = "Janssens",
            Email = "lotte@example.be",
            Language = "nl",
            RegisteredOn = D("2023-11-20"),
            LastActivityOn = D("2026-10-01"),
            NationalNumberEncrypted = "enc:85.07.30-033.28",
            EmploymentStatus = EmploymentStatus.Candidate,
        };
        c.Applications.Add(new Application { CandidateId = c.Id, CollectedOn = D("2023-11-20"), VacancyTitle = "Operator", AppliedOn = D("2023-11-20") });
        c.Documents.Add(new CandidateDocument { CandidateId = c.Id, CollectedOn = D("2023-11-20"), Kind = DocumentKind.Cv, FileName = "cv.pdf" });
        c.WorkExperience.Add(new WorkExperience { CandidateId = c.Id, CollectedOn = D("2023-11-20"), Employer = "Colruyt", JobTitle = "Magazijnier" });
        c.Education.Add(new EducationRecord { CandidateId = c.Id, CollectedOn = D("2023-11-20"), Institution = "KTA Gent", Degree = "TSO Elektromechanica" });
        c.LanguageSkills.Add(new LanguageSkill { CandidateId = c.Id, CollectedOn = D("2023-11-20"), Language = "fr", Level = "B1" });
        c.Photos.Add(new Photo { CandidateId = c.Id, CollectedOn = D("2023-11-20"), FileName = "me.jpg" });
        c.Consents.Add(new Consent { CandidateId = c.Id, CollectedOn = D("2023-11-20"), PurposeCode = "talent-pool", GivenAt = new DateTimeOffset(2023, 11, 20, 10, 0, 0, TimeSpan.Zero), Method = "portal" });
        c.Consents.Add(new Consent { CandidateId = c.Id, CollectedOn = D("2023-11-20"), PurposeCode = "newsletter", GivenAt = new DateTimeOffset(2023, 11, 20, 10, 0, 0, TimeSpan.Zero), Method = "double opt-in", DoubleOptIn = true });
        c.SurveyAnswers.Add(new SurveyAnswer { CandidateId = c.Id, CollectedOn = D("2025-10-01"), SurveyName = "NPS", AnsweredOn = D("2025-10-01"), Score = 8 });
        c.ContactMessages.Add(new ContactMessage { CandidateId = c.Id, CollectedOn = D("2026-01-05"), Subject = "Vraag", ClosedOn = D("2026-01-10") });
        c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, CollectedOn = D("2026-02-01"), Subject = "Kandidaat Lotte", ClientCompany = "Brouwerij Bosteels" });
        c.InterviewNotes.Add(new InterviewNote { CandidateId = c.Id, CollectedOn = D("2023-11-22"), InterviewedOn = D("2023-11-22"), Interviewer = "Jan", Note = "Weinig gemotiveerd" });
        c.Evaluations.Add(new Evaluation { CandidateId = c.Id, CollectedOn = D("2024-07-01"), EvaluatedOn = D("2024-07-01"), Evaluator = "Jan", Score = 6, Comment = "Correct" });
        return c;
    }

    private static ProcessingPurpose Purpose(string code, LegalBasis basis, int order, bool portable, List<RecordSet> sets,
        List<RetentionRule> rules, params string[] recipients) => Purpose(code, basis, order, portable, sets, rules, recipients, false);

    private static ProcessingPurpose Purpose(string code, LegalBasis basis, int order, bool portable, List<RecordSet> sets,
        List<RetentionRule> rules, string recipient, bool marketing) => Purpose(code, basis, order, portable, sets, rules, [recipient], marketing);

    private static ProcessingPurpose Purpose(string code, LegalBasis basis, int order, bool portable, List<RecordSet> sets,
        List<RetentionRule> rules, string[] recipients, bool marketing) => new()
        {
            Code = code,
            NameNl = $"{code} (nl)",
            NameFr = $"{code} (fr)",
            NameEn = $"{code} (en)",
            LegalBasis = basis,
            SortOrder = order,
            Portable = portable,
            IsMarketing = marketing,
            RecordSets = sets,
            RetentionRules = rules,
            Recipients = recipients.Select(r => new Recipient { Code = r, Name = r }).ToList(),
        };

    public static RetentionRule Rule(string code, DataCategory category, RetentionKind kind, RetentionAnchor anchor, string period,
        AnchorAdjust adjust = AnchorAdjust.None, string citation = "", string? note = null) => new()
        {
            Code = code,
            DataCategory = category,
            Kind = kind,
            Anchor = anchor,
            AnchorAdjust = adjust,
            Period = period,
            Citation = citation,
            Note = note,
        };
}
