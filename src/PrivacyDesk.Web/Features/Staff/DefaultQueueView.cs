namespace PrivacyDesk.Web.Features.Staff;

/// <summary>The signed-in staff member's saved default queue view as a queue query, or null when none is saved.</summary>
public static class DefaultQueueView
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<SearchQueue.Query?>;

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user) : IRequestHandler<Query, SearchQueue.Query?>
    {
        public async Task<SearchQueue.Query?> Handle(Query query, CancellationToken cancellationToken)
        {
            var view = await db.Set<SavedQueueView>().AsNoTracking()
                .Where(v => db.Users.Any(u => u.Id == v.UserId && u.UserName == user.Actor))
                .FirstOrDefaultAsync(cancellationToken);
            return view?.ToQuery();
        }
    }
}
