using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.SignIn;

/// <summary>Who signed in when (role Admin): the latest sign-ins from the audit trail, newest first.</summary>
public static class ListSignIns
{
    public const int Shown = 200;

    [RequiresRole(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(DateTimeOffset At, string Who, bool TwoFactor);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.AuditEvents.AsNoTracking().Where(e => e.Type == StaffRegistration.SignedInEvent)
                .OrderByDescending(e => e.Sequence).Take(Shown)
                .Select(e => new Row(e.OccurredAt, e.Actor, e.Summary.Contains("two-factor")))
                .ToListAsync(cancellationToken);
    }
}
