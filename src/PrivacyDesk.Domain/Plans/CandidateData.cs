using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// The candidate's records grouped by set once, plus the person-level retention facts (RET-9), so the
/// engine never scans the candidate per purpose (10,000 records stay linear).
/// </summary>
internal sealed class CandidateData
{
    private static readonly RecordRef[] None = [];
    private readonly Dictionary<RecordSet, RecordRef[]> _bySet;
    private readonly Dictionary<string, RecordRef[]> _consentsByPurpose;
    private readonly Dictionary<string, Consent> _latestConsentByPurpose;

    public CandidateData(Candidate candidate, DateOnly today, PlanSettings settings, IReadOnlySet<RecordSet>? runningContractNeeds)
    {
        Candidate = candidate;
        _bySet = new Dictionary<RecordSet, RecordRef[]>
        {
            [RecordSet.CandidateProfile] = [new RecordRef(candidate.Id, null)],
            [RecordSet.Applications] = Refs(candidate.Applications),
            [RecordSet.Documents] = Refs(candidate.Documents),
            [RecordSet.WorkExperience] = Refs(candidate.WorkExperience),
            [RecordSet.Education] = Refs(candidate.Education),
            [RecordSet.LanguageSkills] = Refs(candidate.LanguageSkills),
            [RecordSet.Assignments] = Refs(candidate.Assignments),
            [RecordSet.PayrollRecords] = Refs(candidate.PayrollRecords),
            [RecordSet.TaxRecords] = Refs(candidate.TaxRecords),
            [RecordSet.InterviewNotes] = Refs(candidate.InterviewNotes),
            [RecordSet.Evaluations] = Refs(candidate.Evaluations),
            [RecordSet.EmergencyContacts] = Refs(candidate.EmergencyContacts),
            [RecordSet.Consents] = Refs(candidate.Consents),
            [RecordSet.ContactMessages] = Refs(candidate.ContactMessages),
            [RecordSet.Complaints] = Refs(candidate.Complaints),
            [RecordSet.SurveyAnswers] = Refs(candidate.SurveyAnswers),
            [RecordSet.Photos] = Refs(candidate.Photos),
            [RecordSet.ProfessionalEmails] = Refs(candidate.ProfessionalEmails),
            [RecordSet.ClientDisclosures] = Refs(candidate.ClientDisclosures),
        };

        _consentsByPurpose = candidate.Consents
            .GroupBy(c => c.PurposeCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => new RecordRef(c.Id, c)).ToArray(), StringComparer.Ordinal);
        _latestConsentByPurpose = candidate.Consents
            .GroupBy(c => c.PurposeCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.GivenAt)!, StringComparer.Ordinal);

        // RET-9, ER-2: one derivation of the person's facts, shared with the retention sweep (PersonActivity).
        var activity = PersonActivity.Of(candidate, today);
        ContractRunning = runningContractNeeds is not null
            ? runningContractNeeds.Count > 0
            : activity.ContractRunning;
        RunningContractNeeds = runningContractNeeds
            ?? (ContractRunning ? DefaultRunningContractNeeds : new HashSet<RecordSet>());
        BaseFacts = activity.Facts(settings.CareerInactivityPeriod);
    }

    /// <summary>ER-2 "needed for a running contract": the contract itself, pay, identity and the documents it rests on.</summary>
    public static IReadOnlySet<RecordSet> DefaultRunningContractNeeds => PersonActivity.RunningContractNeeds;

    public Candidate Candidate { get; }

    public bool ContractRunning { get; }

    public IReadOnlySet<RecordSet> RunningContractNeeds { get; }

    public RetentionFacts BaseFacts { get; }

    public IReadOnlyList<RecordRef> All(RecordSet set) => _bySet.TryGetValue(set, out var refs) ? refs : None;

    /// <summary>
    /// The records of a set that a purpose processes. A consent-based purpose processes only the consents
    /// given for it, so withdrawing the newsletter consent never touches the photo consent; and it applies to
    /// the person only when a consent for it exists (ACC-4, RET-7): without one it processes nothing of theirs.
    /// </summary>
    public IReadOnlyList<RecordRef> For(ProcessingPurpose purpose, RecordSet set)
    {
        if (purpose.LegalBasis != LegalBasis.Consent)
        {
            return All(set);
        }

        if (!_consentsByPurpose.TryGetValue(purpose.Code, out var refs))
        {
            return None;
        }

        return set == RecordSet.Consents ? refs : All(set);
    }

    /// <summary>Retention facts for one record of one purpose: person facts plus the record's own dates.</summary>
    public RetentionFacts FactsFor(ProcessingPurpose purpose, RecordRef item)
    {
        var consent = item.Record as Consent
            ?? (_latestConsentByPurpose.TryGetValue(purpose.Code, out var c) ? c : null);
        var facts = BaseFacts with
        {
            Collected = item.Record?.CollectedOn ?? Candidate.RegisteredOn,
            ConsentGiven = consent is null ? null : BrusselsTime.ToBrusselsDate(consent.GivenAt),
            ConsentWithdrawn = consent?.WithdrawnAt is { } w ? BrusselsTime.ToBrusselsDate(w) : null,
        };

        return item.Record switch
        {
            ContactMessage m => facts with { CaseClosed = m.ClosedOn },
            Complaint m => facts with { CaseClosed = m.ClosedOn },
            Application a => facts with { CaseClosed = a.ClosedOn },
            TaxRecord t => facts with { TaxablePeriodEnd = new DateOnly(t.TaxYear, 12, 31), FinancialYearClosed = new DateOnly(t.TaxYear, 12, 31) },
            PayrollRecord p => facts with { FinancialYearClosed = new DateOnly(p.Year, 12, 31) },
            _ => facts,
        };
    }

    private static RecordRef[] Refs<T>(List<T> records) where T : CandidateRecord =>
        records.Select(r => new RecordRef(r.Id, r)).ToArray();
}
