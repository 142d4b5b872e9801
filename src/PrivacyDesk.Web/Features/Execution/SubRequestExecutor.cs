using System.Text.Json;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Carries out the approved plan of one sub-request on the candidate's records (2.0.8 order is kept by
/// the caller). Runs inside the step's transaction; a sub-request already executed is left alone, so
/// executing twice is the same as once.
/// </summary>
public sealed partial class SubRequestExecutor(PrivacyDeskDbContext db, SuppressionList suppression, TimeProvider clock, ExecutionHooks hooks,
    Plans.RequestPlanner planner)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Rights whose work is a package built elsewhere (access report, portability archive).</summary>
    public static bool IsPackage(RequestType type) => type is RequestType.Access or RequestType.Portability;

    /// <summary>2.0.8: snapshots first, then rectification, restriction, objection (and withdrawal), erasure last.</summary>
    public static int Order(RequestType type) => type switch
    {
        RequestType.Access => 0,
        RequestType.Portability => 1,
        RequestType.Rectification => 2,
        RequestType.Restriction => 3,
        RequestType.Objection => 4,
        RequestType.ConsentWithdrawal => 5,
        RequestType.Erasure => 6,
        _ => 9,
    };

    public async Task ExecuteAsync(DataSubjectRequest request, SubRequest sub, RequestPlan plan, string actor, CancellationToken ct)
    {
        if (sub.ExecutedAt is not null || IsPackage(sub.Type))
            return;
        var now = clock.GetUtcNow();
        if (plan.NoDataHeld || request.CandidateId is not { } candidateId)
        {
            request.Record(now, actor, "execution.no-data", $"{sub.Type}: no data held, nothing to carry out.");
            sub.MarkExecuted(now);
            return;
        }

        var candidate = await RequestPlanner.LoadCandidateAsync(db, candidateId, ct, tracking: true)
            ?? throw new DomainException("execution.no-candidate", "The candidate linked to this request no longer exists.");
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == candidateId).ToListAsync(ct);
        var run = new Run(request, sub, plan, candidate, new CandidateRecordAccess(candidate), holds, actor, now, BrusselsTime.Today(clock));

        switch (sub.Type)
        {
            case RequestType.Rectification:
                Rectify(run);
                break;
            case RequestType.Restriction:
                Restrict(run);
                break;
            case RequestType.Objection:
                await ObjectAsync(run, ct);
                break;
            case RequestType.ConsentWithdrawal:
                await WithdrawConsentsAsync(run, ct);
                break;
            case RequestType.Erasure:
                await EraseAsync(run, restrictKept: true, ct);
                break;
        }

        candidate.UpdatedAt = now;
        sub.MarkExecuted(now);
    }

    private sealed record Run(DataSubjectRequest Request, SubRequest Sub, RequestPlan Plan, Candidate Candidate, CandidateRecordAccess Records,
        IReadOnlyList<LegalHold> Holds, string Actor, DateTimeOffset Now, DateOnly Today)
    {
        public string Channel => $"{Request.Channel} request {Request.Reference}";
    }

    /// <summary>ER-8 / OB-3: one entry per request and reason, with keyed hashes of e-mail, phone and national number.</summary>
    private async Task SuppressAsync(Run run, SuppressionReason reason, CancellationToken ct)
    {
        var reference = run.Request.Reference;
        if (await db.Suppressions.AnyAsync(s => s.RequestReference == reference && s.Reason == reason, ct)
            || db.Suppressions.Local.Any(s => s.RequestReference == reference && s.Reason == reason))
            return;
        db.Suppressions.Add(suppression.CreateEntry(suppression.IdentifiersOf(run.Candidate, run.Request.RequesterEmail, run.Request.RequesterPhone), reason, reference, run.Today));
    }

    private static void Audit(Run run, string type, string summary, object? data = null) =>
        run.Request.Record(run.Now, run.Actor, type, summary, run.Candidate.Id, data is null ? null : JsonSerializer.Serialize(data, Json));
}
