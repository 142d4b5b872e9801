using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// What carrying out a case will do, before it is done: record counts per right, record set and
/// outcome, read from the same plan snapshots execution uses (PlanSnapshots, never stored here).
/// The fingerprint of those plans travels with the confirmation, so a plan that changed between the
/// preview and the click is refused instead of run unseen.
/// </summary>
public static class ExecutionPreview
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Line(RequestType Type, RecordSet RecordSet, PlanOutcome Outcome, int Records);

    public sealed record Result(Guid RequestId, string Reference, string CandidateName, IReadOnlyList<Line> Lines, string Fingerprint)
    {
        public int Count(params PlanOutcome[] outcomes) => Lines.Where(l => outcomes.Contains(l.Outcome)).Sum(l => l.Records);
    }

    public sealed class Handler(PrivacyDeskDbContext db, PlanSnapshots snapshots) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            var name = request.CandidateId is { } cid
                ? await db.Candidates.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == cid).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken)
                : null;
            var pending = ExecutePlan.Pending(request).ToList();
            var plans = pending.Count == 0 ? new Dictionary<Guid, RequestPlan>() : await snapshots.EnsureAsync(request, store: false, cancellationToken);
            var lines = pending
                .SelectMany(s => plans[s.Id].Records
                    .GroupBy(r => (r.RecordSet, r.Outcome))
                    .OrderBy(g => g.Key.Outcome).ThenBy(g => g.Key.RecordSet)
                    .Select(g => new Line(s.Type, g.Key.RecordSet, g.Key.Outcome, g.Count())))
                .ToList();
            return new Result(request.Id, request.Reference, name ?? request.RequesterName, lines, Fingerprint(pending, plans));
        }

        private static string Fingerprint(IEnumerable<SubRequest> pending, IReadOnlyDictionary<Guid, RequestPlan> plans)
        {
            var text = new StringBuilder();
            foreach (var sub in pending)
                text.Append(sub.Id).Append(':').Append(JsonSerializer.Serialize(plans[sub.Id].Records, GetRequestPlan.Json)).Append('\n');
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        }
    }

    /// <summary>Runs the plan only when the back office ticked the confirmation of the preview it saw.</summary>
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Confirm : IRequest<ExecutePlan.Result>
    {
        public Guid RequestId { get; init; }
        public bool Confirmed { get; init; }
        public string? Fingerprint { get; init; }
    }

    public sealed class ConfirmValidator : AbstractValidator<Confirm>
    {
        public ConfirmValidator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Confirmed).Equal(true).WithMessage(NotConfirmed);
            RuleFor(c => c.Fingerprint).NotEmpty().WithMessage(NotConfirmed);
        }
    }

    public const string NotConfirmed = "Staff.Execute.NotConfirmed";

    public const string PlanChanged = "Staff.Execute.PlanChanged";

    public sealed class ConfirmHandler(IMediator mediator) : IRequestHandler<Confirm, ExecutePlan.Result>
    {
        public async Task<ExecutePlan.Result> Handle(Confirm command, CancellationToken cancellationToken)
        {
            var preview = await mediator.Send(new Query { RequestId = command.RequestId }, cancellationToken);
            if (!string.Equals(preview.Fingerprint, command.Fingerprint, StringComparison.Ordinal))
                throw new DomainException("execution.plan-changed", PlanChanged);
            return await mediator.Send(new ExecutePlan.Command { RequestId = command.RequestId }, cancellationToken);
        }
    }
}
