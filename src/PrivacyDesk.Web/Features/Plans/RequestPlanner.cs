using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Plans;

/// <summary>
/// Feeds the pure plan engine from the database: the linked candidate with every record set (restricted
/// ones included: the law still applies to them), the register, the candidate's holds, the record-set
/// profiles from the EF personal-data annotations, and the §8 switches.
/// </summary>
public sealed class RequestPlanner(PrivacyDeskDbContext db, RulesConfiguration rules, TimeProvider clock)
{
    private static readonly PlanEngine Engine = new();

    public sealed record SubRequestPlan(SubRequest SubRequest, RequestPlan Plan);

    /// <param name="ignoreHolds">
    /// Plan as if no legal hold existed: what would happen to held data once the hold is lifted (LH-7), so a
    /// held record that a statutory period also keeps is not scheduled before that period ends.
    /// </param>
    public async Task<IReadOnlyList<SubRequestPlan>> BuildAsync(DataSubjectRequest request, CancellationToken ct, bool ignoreHolds = false) =>
        await BuildAsync(request, await LoadSourcesAsync(request, ct), ct, ignoreHolds);

    /// <summary>What a plan is computed from and a deliverable shows: the linked candidate with every record set, the register, the controller.</summary>
    public sealed record Sources(Candidate? Candidate, List<ProcessingPurpose> Purposes, ControllerProfile? Controller);

    public async Task<Sources> LoadSourcesAsync(DataSubjectRequest request, CancellationToken ct)
    {
        var candidate = request.CandidateId is { } id ? await LoadCandidateAsync(db, id, ct) : null;
        var purposes = await db.Purposes.AsNoTracking().Include(p => p.RetentionRules).Include(p => p.Recipients)
            .OrderBy(p => p.SortOrder).AsSplitQuery().ToListAsync(ct);
        var controller = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        return new Sources(candidate, purposes, controller);
    }

    /// <summary>The plans from sources already loaded (a caller that also needs the records loads them once).</summary>
    public async Task<IReadOnlyList<SubRequestPlan>> BuildAsync(DataSubjectRequest request, Sources sources, CancellationToken ct, bool ignoreHolds = false)
    {
        var (candidate, purposes, profile) = sources;
        var holds = candidate is null || ignoreHolds ? [] : await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == candidate.Id && h.LiftedAt == null).ToListAsync(ct);
        var settings = new PlanSettings
        {
            AccessFreezesRetention = rules.AccessFreezesRetention,
            ErasureImpliesObjectionForLegitimateInterests = rules.ErasureImpliesObjectionForLegitimateInterests,
            RetentionGraceDays = rules.Clock.RetentionGraceDays,
            CareerInactivityPeriod = IsoPeriod.TryParse(profile?.CareerInactivityPeriod, out var p) ? p : new IsoPeriod(2, 0, 0),
        };
        // OB-2, ER-2: the DPO's balancing per purpose for this request.
        var balancings = await db.Set<PurposeBalancing>().AsNoTracking().Where(b => b.RequestId == request.Id)
            .ToDictionaryAsync(b => b.PurposeCode, b => b.ToPlan(), StringComparer.Ordinal, ct);
        var profiles = RecordSetProfiles(db);
        var today = BrusselsTime.Today(clock);
        var inputs = request.SubRequests.Select(sub =>
        {
            var details = SubRequestDetails.From(sub);
            return new PlanInput
            {
                Type = sub.Type,
                Candidate = candidate,
                Purposes = purposes,
                Holds = holds,
                Profiles = profiles,
                Today = today,
                Settings = settings,
                ConsentPurposeCodes = details.ConsentPurposeCodes,
                ObjectionPurposeCodes = details.PurposeCodes,
                MarketingObjection = details.Marketing,
                RestrictionGround = sub.Type == RequestType.Restriction ? details.RestrictionGround ?? RestrictionGround.AccuracyContested : details.RestrictionGround,
                Rectifications = details.Corrections?.Select(c => new RectificationItem(c.RecordSet, c.Field, c.CurrentValue, c.NewValue)).ToList(),
                Balancings = balancings,
            };
        }).ToList();
        var plans = Engine.BuildCombined(inputs);
        return request.SubRequests.Zip(plans, (s, plan) => new SubRequestPlan(s, plan)).ToList();
    }

    /// <summary>The candidate with every record set, ignoring the restriction filter (execution and access need all).</summary>
    /// <param name="tracking">
    /// Tracked (execution changes the graph): one split query with an Include per record set. Read only: the
    /// candidate, then one plain query per record set assigned to its list. An Include fills each list through
    /// EF's collection accessor, which checks List.Contains before every add: quadratic in a record set's size
    /// (3,000 payslips: 4.5 million comparisons), and split queries buffer every row first.
    /// </param>
    public static async Task<Candidate?> LoadCandidateAsync(PrivacyDeskDbContext db, Guid id, CancellationToken ct, bool tracking = false)
    {
        if (tracking)
        {
            return await db.Candidates.IgnoreQueryFilters().Where(c => c.Id == id)
                .Include(c => c.Applications).Include(c => c.Documents).Include(c => c.WorkExperience).Include(c => c.Education)
                .Include(c => c.LanguageSkills).Include(c => c.Assignments).Include(c => c.PayrollRecords).Include(c => c.TaxRecords)
                .Include(c => c.InterviewNotes).Include(c => c.Evaluations).Include(c => c.EmergencyContacts).Include(c => c.Consents)
                .Include(c => c.ContactMessages).Include(c => c.Complaints).Include(c => c.SurveyAnswers).Include(c => c.Photos)
                .Include(c => c.ProfessionalEmails).Include(c => c.ClientDisclosures)
                .AsSplitQuery().FirstOrDefaultAsync(ct);
        }

        var candidate = await db.Candidates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (candidate is null)
            return null;
        candidate.Applications = await RecordsAsync(db.Applications);
        candidate.Documents = await RecordsAsync(db.CandidateDocuments);
        candidate.WorkExperience = await RecordsAsync(db.WorkExperience);
        candidate.Education = await RecordsAsync(db.Education);
        candidate.LanguageSkills = await RecordsAsync(db.LanguageSkills);
        candidate.Assignments = await RecordsAsync(db.Assignments);
        candidate.PayrollRecords = await RecordsAsync(db.PayrollRecords);
        candidate.TaxRecords = await RecordsAsync(db.TaxRecords);
        candidate.InterviewNotes = await RecordsAsync(db.InterviewNotes);
        candidate.Evaluations = await RecordsAsync(db.Evaluations);
        candidate.EmergencyContacts = await RecordsAsync(db.EmergencyContacts);
        candidate.Consents = await RecordsAsync(db.Consents);
        candidate.ContactMessages = await RecordsAsync(db.ContactMessages);
        candidate.Complaints = await RecordsAsync(db.Complaints);
        candidate.SurveyAnswers = await RecordsAsync(db.SurveyAnswers);
        candidate.Photos = await RecordsAsync(db.Photos);
        candidate.ProfessionalEmails = await RecordsAsync(db.ProfessionalEmails);
        candidate.ClientDisclosures = await RecordsAsync(db.ClientDisclosures);
        return candidate;

        Task<List<T>> RecordsAsync<T>(DbSet<T> set) where T : CandidateRecord =>
            set.IgnoreQueryFilters().AsNoTracking().Where(r => r.CandidateId == id).ToListAsync(ct);
    }

    /// <summary>The record-set profiles, read from the personal-data annotations of the EF model.</summary>
    public static IReadOnlyDictionary<RecordSet, RecordSetProfile> RecordSetProfiles(PrivacyDeskDbContext db) =>
        db.Model.GetEntityTypes()
            .Select(e => e.PersonalData())
            .Where(a => a?.RecordSet is not null)
            .ToDictionary(a => a!.RecordSet!.Value, a => new RecordSetProfile(a!.RecordSet!.Value, a.ProvidedBySubject, a.Erasure, a.NotPortableFields));
}
