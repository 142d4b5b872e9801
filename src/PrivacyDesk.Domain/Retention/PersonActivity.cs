using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Domain.Retention;

/// <summary>
/// The aggregates of one person's records that the person-level retention facts are derived from. The plan engine
/// computes them from the loaded candidate (<see cref="Of"/>), the retention sweep in one grouped SQL query; both then
/// call <see cref="Facts"/>, the one derivation of RET-9 and the running-contract guard (ER-2).
/// </summary>
public sealed record PersonActivity
{
    public DateOnly? LastWorkingDay { get; init; }
    public DateOnly? CareerEndedOn { get; init; }

    /// <summary>Last login or portal use (Candidate.LastActivityOn).</summary>
    public DateOnly? LastLogin { get; init; }

    public EmploymentStatus Status { get; init; }
    public int Assignments { get; init; }

    /// <summary>An assignment without an end date: the contract runs and its end is unknown.</summary>
    public bool AnyOpenEnded { get; init; }

    /// <summary>An assignment without an end date or ending today or later.</summary>
    public bool AnyRunning { get; init; }

    /// <summary>The latest end date of an assignment that ended before today.</summary>
    public DateOnly? LatestEnded { get; init; }

    /// <summary>The latest end date of any assignment, past or future.</summary>
    public DateOnly? LatestEnd { get; init; }

    public DateOnly? LatestApplication { get; init; }

    /// <summary>The latest message from the person (contact form, complaint).</summary>
    public DateOnly? LatestMessage { get; init; }

    /// <summary>ER-2 "needed for a running contract": the contract itself, pay, identity and the documents it rests on.</summary>
    public static IReadOnlySet<Processing.RecordSet> RunningContractNeeds { get; } = new HashSet<Processing.RecordSet>
    {
        Processing.RecordSet.Assignments, Processing.RecordSet.PayrollRecords, Processing.RecordSet.CandidateProfile, Processing.RecordSet.Documents,
    };

    /// <summary>ER-2: an assignment runs, or the person is recorded as working.</summary>
    public bool ContractRunning => AnyRunning || Status == EmploymentStatus.Working;

    public static PersonActivity Of(Candidate candidate, DateOnly today)
    {
        var ended = candidate.Assignments.Where(a => a.EndDate is { } end && end < today).Select(a => a.EndDate!.Value).ToList();
        var ends = candidate.Assignments.Where(a => a.EndDate is not null).Select(a => a.EndDate!.Value).ToList();
        var messages = candidate.ContactMessages.Select(m => BrusselsTime.ToBrusselsDate(m.ReceivedAt))
            .Concat(candidate.Complaints.Select(c => c.ReceivedOn)).ToList();
        return new PersonActivity
        {
            LastWorkingDay = candidate.LastWorkingDay,
            CareerEndedOn = candidate.CareerEndedOn,
            LastLogin = candidate.LastActivityOn,
            Status = candidate.EmploymentStatus,
            Assignments = candidate.Assignments.Count,
            AnyOpenEnded = candidate.Assignments.Any(a => a.EndDate is null),
            AnyRunning = candidate.Assignments.Any(a => a.EndDate is null || a.EndDate >= today),
            LatestEnded = ended.Count > 0 ? ended.Max() : null,
            LatestEnd = ends.Count > 0 ? ends.Max() : null,
            LatestApplication = candidate.Applications.Count > 0 ? candidate.Applications.Max(a => a.AppliedOn) : null,
            LatestMessage = messages.Count > 0 ? messages.Max() : null,
        };
    }

    /// <summary>
    /// RET-9: LastActivity is the latest of the last login, application, message from the person and end of the last
    /// assignment; while an assignment runs without an end date it is unknown (the career goes on, RET-5 keeps), and
    /// an assignment ending later counts with its end date. ContractEnd (RET-5): the end of the last contract, unknown
    /// while one has no end date.
    /// </summary>
    public RetentionFacts Facts(IsoPeriod? careerInactivityPeriod) => new()
    {
        LastWorkingDay = LastWorkingDay ?? (AnyRunning ? null : LatestEnded),
        ContractEnd = Assignments == 0 || AnyOpenEnded ? null : LatestEnd,
        LastActivity = AnyOpenEnded ? null : Latest(LastLogin, LatestApplication, LatestMessage, LatestEnd),
        EndOfCareerStated = CareerEndedOn,
        CareerInactivityPeriod = careerInactivityPeriod,
        HasWorked = Status != EmploymentStatus.Candidate || LastWorkingDay is not null,
    };

    private static DateOnly? Latest(params DateOnly?[] dates)
    {
        DateOnly? latest = null;
        foreach (var d in dates)
        {
            if (d is { } v && (latest is null || v > latest))
                latest = v;
        }
        return latest;
    }
}
