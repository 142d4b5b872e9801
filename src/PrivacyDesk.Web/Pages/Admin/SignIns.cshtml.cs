using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Admin;

/// <summary>Who signed in when (role Admin): the latest sign-ins from the audit trail, newest first.</summary>
public sealed class SignIns(IMediator mediator) : StaffPageModel
{
    public const int Shown = 200;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await mediator.Send(new Query());

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
