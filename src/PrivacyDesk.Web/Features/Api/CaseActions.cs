using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Retention;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Api;

// The bodies of the case endpoints (docs/api.md). Each maps onto the staff command the DPO detail page,
// the back-office case page or the legal-hold pages send; the field names are the commands' own, so the
// commands' validation errors name the JSON fields the client sent.

/// <summary>What the DPO does with the requester's identity (the actions of the DPO detail page's identity panel).</summary>
public enum IdentityAction
{
    /// <summary>Link the request to a candidate and mark the identity verified (ID-4); proofs are deleted (ID-6).</summary>
    Verify,

    /// <summary>Ask the requester for proof, clarification or a fee; the clock stops (CLK-2, ID-1).</summary>
    AskForInformation,

    /// <summary>No personal data about the requester are held (EDPB-ACC Ex. 38).</summary>
    NoDataHeld,

    /// <summary>The requester answered outside the portal (post, phone, desk): the wait ends on receivedOn (CLK-3).</summary>
    RecordAnswer,
}

public sealed record IdentityInput
{
    public IdentityAction? Action { get; init; }

    /// <summary>Verify: the candidate the request is about.</summary>
    public Guid CandidateId { get; init; }

    /// <summary>Verify: how the identity was established (e.g. "ID card checked at the counter").</summary>
    public string Method { get; init; } = "";

    /// <summary>Verify: why this candidate is the requester. AskForInformation: why the information is needed (ID-1), internal.</summary>
    public string Why { get; init; } = "";

    /// <summary>AskForInformation: Identity, Clarification or Fee.</summary>
    public WaitingReason Reason { get; init; } = WaitingReason.Identity;

    /// <summary>AskForInformation: what the requester reads in the e-mail.</summary>
    public string Message { get; init; } = "";

    /// <summary>AskForInformation: whether the question is necessary (CLK-2(1)); an unnecessary one does not stop the clock. Required.</summary>
    public bool? Necessary { get; init; }

    /// <summary>RecordAnswer: what came in and how.</summary>
    public string Summary { get; init; } = "";

    /// <summary>RecordAnswer: the day the answer arrived; today when omitted.</summary>
    public DateOnly? ReceivedOn { get; init; }

    /// <summary>The request's version (or send If-Match); checked when given.</summary>
    public uint? Version { get; init; }
}

public sealed record DecisionInput
{
    public DecisionOutcome? Outcome { get; init; }

    /// <summary>Required unless approved (N1); one of the reason codes of the staff decision form.</summary>
    public string? ReasonCode { get; init; }

    public string? ReasonDetails { get; init; }

    /// <summary>PartiallyApproved: the sub-requests refused; the others are approved.</summary>
    public List<Guid> RefusedSubRequests { get; init; } = [];

    /// <summary>The request's version from GET /api/v1/requests/{id}; or send it as If-Match. Required.</summary>
    public uint? Version { get; init; }
}

public sealed record ExtensionInput
{
    /// <summary>One of volume-systems, hard-to-retrieve, redaction-exemption, make-intelligible, several-rights, exceptional-surge (EXT-4).</summary>
    public string ReasonCode { get; init; } = "";

    /// <summary>The reasons in plain words, sent to the requester (EXT-2).</summary>
    public string ReasonDetails { get; init; } = "";

    public DateOnly? NewDueOn { get; init; }

    /// <summary>The request's version (or send If-Match); checked when given.</summary>
    public uint? Version { get; init; }
}

public sealed record FinishTaskInput
{
    /// <summary>Done or NotPossible (then say why in note).</summary>
    public WorkTaskStatus Status { get; init; } = WorkTaskStatus.Done;

    public string? Note { get; init; }
}

public sealed record PlaceLegalHoldInput
{
    public Guid CandidateId { get; init; }
    public bool AllPurposes { get; init; }
    public List<string> PurposeCodes { get; init; } = [];
    public LegalHoldReason? Reason { get; init; }
    public string ExternalReference { get; init; } = "";
    public string Description { get; init; } = "";
    public string? Justification { get; init; }
    public string EndCondition { get; init; } = "";
    public DateOnly? ReviewOn { get; init; }
}

public sealed record LiftLegalHoldInput
{
    /// <summary>Required when the hold was placed by someone else (LH-4).</summary>
    public string? Reason { get; init; }
}

public sealed record ExecutionView(Guid RequestId, RequestStatus Status, int StepsRun, bool AlreadyDone, IReadOnlyList<TaskView> Tasks);

public sealed record FinalAnswerView(Guid RequestId, string Template, Guid MessageId, RequestView Request);

public sealed record TaskView(Guid Id, Guid RequestId, WorkTaskKind Kind, string Title, string Instructions, string PlanLine, string? PreparedMessage,
    WorkTaskStatus Status, string? DoneBy, DateTimeOffset? DoneAt, string? Note);

public sealed record LegalHoldView(Guid Id, string Reference, Guid CandidateId, bool Active, bool AllPurposes, IReadOnlyList<string> PurposeCodes,
    LegalHoldReason Reason, string ExternalReference, string Description, string? Justification, string EndCondition, DateOnly ReviewOn,
    string PlacedBy, DateTimeOffset PlacedAt, string? LiftedBy, DateTimeOffset? LiftedAt, string? LiftReason)
{
    public static LegalHoldView From(LegalHold h) => new(h.Id, h.Reference, h.CandidateId, h.IsActive, h.AllPurposes, h.PurposeCodes, h.Reason,
        h.ExternalReference, h.Description, h.Justification, h.EndCondition, h.ReviewOn, h.PlacedBy, h.PlacedAt, h.LiftedBy, h.LiftedAt, h.LiftReason);
}

/// <summary>The lifted hold and the retention sweep that ran for its candidate right after (LH-7); sweep is null if it must wait for the next scheduled run.</summary>
public sealed record LiftedLegalHoldView(LegalHoldView Hold, SweepView? Sweep);

public sealed record SweepView(bool Ran, bool DryRun, DateOnly Today, Guid? CandidateId, int Total, IReadOnlyList<SweepLineView> Lines,
    int BlockedByHold, int FrozenByAccess, int CaseFilesMinimised, double ElapsedSeconds)
{
    public static SweepView From(RetentionSweep.Report r) => new(r.Ran, r.DryRun, r.Today, r.CandidateId, r.Total,
        r.Lines.Select(l => new SweepLineView(l.RecordSet, l.RuleCode, l.Action, l.Count)).ToList(),
        r.BlockedByHold, r.FrozenByAccess, r.CaseFilesMinimised, Math.Round(r.Elapsed.TotalSeconds, 3));
}

public sealed record SweepLineView(Domain.Processing.RecordSet RecordSet, string RuleCode, LedgerAction Action, int Count);

public static class ListRequestTasks
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<TaskView>>
    {
        public Guid RequestId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<TaskView>>
    {
        public async Task<IReadOnlyList<TaskView>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Requests.AnyAsync(r => r.Id == query.RequestId, cancellationToken))
                throw new NotFoundException("Request");
            // The back-office case page's order: the final answer last.
            return await db.Tasks.AsNoTracking().Where(t => t.RequestId == query.RequestId)
                .OrderBy(t => t.Kind == WorkTaskKind.SendFinalAnswer).ThenBy(t => t.CreatedAt).ThenBy(t => t.Title)
                .Select(t => new TaskView(t.Id, t.RequestId, t.Kind, t.Title, t.Instructions, t.PlanLine, t.PreparedMessage, t.Status, t.DoneBy, t.DoneAt, t.Note))
                .ToListAsync(cancellationToken);
        }
    }
}

public static class GetTask
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<TaskView>
    {
        public Guid TaskId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, TaskView>
    {
        public async Task<TaskView> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Tasks.AsNoTracking().Where(t => t.Id == query.TaskId)
                .Select(t => new TaskView(t.Id, t.RequestId, t.Kind, t.Title, t.Instructions, t.PlanLine, t.PreparedMessage, t.Status, t.DoneBy, t.DoneAt, t.Note))
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Task");
    }
}

public static class GetLegalHold
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<LegalHoldView>
    {
        public Guid HoldId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, LegalHoldView>
    {
        public async Task<LegalHoldView> Handle(Query query, CancellationToken cancellationToken) =>
            LegalHoldView.From(await db.LegalHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == query.HoldId, cancellationToken)
                ?? throw new NotFoundException("Legal hold"));
    }
}

/// <summary>Holds, newest first: of one candidate (active and lifted) or, without a candidate, every hold; optionally only active or lifted ones.</summary>
public static class ListLegalHolds
{
    public const int Limit = 500;

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<IReadOnlyList<LegalHoldView>>
    {
        public Guid? CandidateId { get; init; }
        public bool? Active { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<LegalHoldView>>
    {
        public async Task<IReadOnlyList<LegalHoldView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var holds = db.LegalHolds.AsNoTracking();
            if (query.CandidateId is { } candidate)
                holds = holds.Where(h => h.CandidateId == candidate);
            if (query.Active is { } active)
                holds = active ? holds.Where(h => h.LiftedAt == null) : holds.Where(h => h.LiftedAt != null);
            var rows = await holds.OrderByDescending(h => h.PlacedAt).ThenByDescending(h => h.Number).Take(Limit).ToListAsync(cancellationToken);
            return rows.Select(LegalHoldView.From).ToList();
        }
    }
}

/// <summary>
/// The access and portability packages of a request (Features/Packages): for each approved Access or Portability
/// sub-request, the unexpired package, built now if there is none yet (BuildPackage: idempotent, queues the
/// requester's "download ready" e-mail). The download URL is an API URL, valid until the package expires.
/// </summary>
public static class GetRequestPackage
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<PackagesView>
    {
        public Guid RequestId { get; init; }
    }

    private static readonly RequestStatus[] Buildable = [RequestStatus.Approved, RequestStatus.PartiallyApproved, RequestStatus.InExecution, RequestStatus.Completed];

    public sealed class Handler(PrivacyDeskDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, PackagesView>
    {
        public async Task<PackagesView> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            var subs = request.SubRequests
                .Where(s => s.Type is RequestType.Access or RequestType.Portability && s.Outcome != DecisionOutcome.Refused)
                .OrderBy(s => s.Type).ToList();
            if (subs.Count == 0)
                throw NotAvailable("This request has no approved access or portability part, so it has no package.");
            if (Buildable.Contains(request.Status))
            {
                foreach (var sub in subs)
                    await mediator.Send(new Packages.BuildPackage.Command { RequestId = request.Id, SubRequestId = sub.Id }, cancellationToken);
            }
            var now = clock.GetUtcNow();
            var packages = await db.Packages.AsNoTracking()
                .Where(p => p.RequestId == request.Id && p.ExpiresAt > now)
                .OrderBy(p => p.Kind).ThenByDescending(p => p.CreatedAt)
                .Select(p => new PackageView(p.Id, p.Kind, p.FileName, p.ContentType, p.Content.Length, p.SnapshotOn, p.CreatedAt, p.ExpiresAt, p.DownloadCount,
                    ApiEndpoints.Prefix + "/packages/" + p.Id + "/content"))
                .ToListAsync(cancellationToken);
            packages = packages.GroupBy(p => p.Kind).Select(g => g.First()).ToList();
            if (packages.Count == 0)
                throw NotAvailable($"No package is available: the request is {request.Status}; packages are built once it is approved, and expire.");
            return new PackagesView(request.Id, request.Reference, packages);
        }
    }

    private static ApiRequestException NotAvailable(string detail) => new(StatusCodes.Status404NotFound, "package-not-available", detail);
}

public sealed record PackagesView(Guid RequestId, string Reference, IReadOnlyList<PackageView> Packages);

/// <summary>downloadUrl needs a BackOffice or Dpo API key and works until expiresAt.</summary>
public sealed record PackageView(Guid Id, PackageKind Kind, string FileName, string ContentType, long Size, DateOnly SnapshotOn, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, int DownloadCount, string DownloadUrl);

/// <summary>The package file for a staff system; the requester's downloads (counted) go through the portal link. Audited.</summary>
public static class DownloadPackage
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public Guid PackageId { get; init; }
    }

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var package = await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PackageId, cancellationToken)
                ?? throw new NotFoundException("Package");
            var now = clock.GetUtcNow();
            if (package.ExpiresAt <= now)
                throw new ApiRequestException(StatusCodes.Status410Gone, "package-expired", $"This package expired on {package.ExpiresAt:yyyy-MM-dd}; GET the request's package again to build a new one.");
            db.AuditEvents.Add(new Domain.Audit.AuditEvent(now, user.Actor, "package.downloaded-by-staff", $"{package.Kind} {package.Id} downloaded through the API.", package.RequestId));
            return new Result(package.FileName, package.ContentType, package.Content);
        }
    }
}
