using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

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
