namespace PrivacyDesk.Web.Features.Api;

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
