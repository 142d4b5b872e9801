using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.Web.Features.BackOffice;

/// <summary>One case as the back office works it: its rights with their outcome, its tasks, and what can be done next.</summary>
public static class GetCase
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Result(Guid Id, string Reference, RequestStatus Status, DateOnly DueOn, string Language, DateTimeOffset? FinalAnswerSentAt,
        DateTimeOffset? ClosedAt, string? ClosedBy, IReadOnlyList<Sub> SubRequests, IReadOnlyList<TaskView> Tasks)
    {
        public bool CanExecute => Status is RequestStatus.Approved or RequestStatus.PartiallyApproved or RequestStatus.InExecution;

        public bool CanAnswer => FinalAnswerSentAt is null && Status is RequestStatus.Completed or RequestStatus.Refused;

        public bool CanClose => FinalAnswerSentAt is not null && Status is RequestStatus.Completed or RequestStatus.Refused && Tasks.All(t => t.Status != WorkTaskStatus.Open);
    }

    public sealed record Sub(RequestType Type, DecisionOutcome? Outcome, string? Reason, DateTimeOffset? ExecutedAt, bool Package);

    public sealed record TaskView(Guid Id, WorkTaskKind Kind, string Title, string Instructions, string PlanLine, string? PreparedMessage,
        WorkTaskStatus Status, string? DoneBy, DateTimeOffset? DoneAt, string? Note);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = await db.Requests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.RequestId == r.Id).OrderBy(t => t.Kind == WorkTaskKind.SendFinalAnswer).ThenBy(t => t.CreatedAt).ThenBy(t => t.Title)
                .Select(t => new TaskView(t.Id, t.Kind, t.Title, t.Instructions, t.PlanLine, t.PreparedMessage, t.Status, t.DoneBy, t.DoneAt, t.Note))
                .ToListAsync(cancellationToken);
            return new Result(r.Id, r.Reference, r.Status, r.CurrentDueOn, r.Language, r.FinalAnswerSentAt, r.ClosedAt, r.ClosedBy,
                r.SubRequests.OrderBy(s => SubRequestExecutor.Order(s.Type))
                    .Select(s => new Sub(s.Type, s.Outcome, s.OutcomeReason, s.ExecutedAt, SubRequestExecutor.IsPackage(s.Type))).ToList(),
                tasks);
        }
    }
}
