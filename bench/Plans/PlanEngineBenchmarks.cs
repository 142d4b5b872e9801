using BenchmarkDotNet.Attributes;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Bench.Plans;

/// <summary>
/// PlanEngine.Build for one former worker with 10,000 records spread over the record sets a long career
/// fills (payslips, professional e-mails, applications, disclosures, surveys, contact messages), against
/// the real ASAP register. Record dates vary so the engine has to group many distinct retention verdicts.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PlanEngineBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly PlanEngine _engine = new();
    private PlanInput _erasure = null!;
    private PlanInput _access = null!;
    private PlanInput _portability = null!;

    [Params(10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var candidate = CareerRecords.FormerWorker(Records);
        var purposes = AsapRegister.Load();
        var profiles = Profiles();
        PlanInput Make(RequestType type) => new()
        {
            Type = type, Candidate = candidate, Purposes = purposes, Profiles = profiles, Today = Today,
        };
        _erasure = Make(RequestType.Erasure);
        _access = Make(RequestType.Access);
        _portability = Make(RequestType.Portability);
        var count = CareerRecords.Count(candidate);
        if (count != Records)
        {
            throw new InvalidOperationException($"Built {count} records instead of {Records}.");
        }
    }

    [Benchmark]
    public RequestPlan Erasure() => _engine.Build(_erasure);

    [Benchmark]
    public RequestPlan Access() => _engine.Build(_access);

    [Benchmark]
    public RequestPlan Portability() => _engine.Build(_portability);

    /// <summary>The annotations of the Web model, restated: provided-by-subject sets, anonymised surveys, INSZ never portable.</summary>
    private static Dictionary<RecordSet, RecordSetProfile> Profiles()
    {
        var provided = new HashSet<RecordSet>
        {
            RecordSet.CandidateProfile, RecordSet.Documents, RecordSet.WorkExperience, RecordSet.Education, RecordSet.LanguageSkills,
            RecordSet.Photos, RecordSet.EmergencyContacts, RecordSet.ContactMessages, RecordSet.Complaints, RecordSet.SurveyAnswers,
        };
        return Enum.GetValues<RecordSet>().ToDictionary(s => s, s => new RecordSetProfile(
            s, provided.Contains(s), s == RecordSet.SurveyAnswers ? ErasureMethod.Anonymise : ErasureMethod.Delete,
            s == RecordSet.CandidateProfile ? ["NationalNumberEncrypted"] : []));
    }
}
