using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Deadlines;

/// <summary>
/// §1.9: after the holiday override table changed, the DPO explicitly recomputes the deadlines of every open
/// request with the calendar now in force. Each request whose dates change gets an audit entry with the old and
/// new dates; one summary entry records the run. Closed, withdrawn and abandoned requests are never touched.
/// </summary>
public static class RecomputeDeadlines
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int OpenRequests, IReadOnlyList<string> ChangedReferences);

    public sealed class Handler(PrivacyDeskDbContext db, HolidayCalendarProvider calendar, DeadlineService deadlines, TimeProvider clock, ICurrentUser user)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // The calendar as committed now, whatever this instance had cached.
            await calendar.ReloadAsync(db, cancellationToken);
            var open = await db.Requests
                .Where(r => r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Abandoned)
                .Include(r => r.WaitingPeriods)
                .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Reference)
                .ToListAsync(cancellationToken);
            var changed = new List<string>();
            foreach (var request in open)
            {
                if (deadlines.Recompute(request, user.Actor, "explicit recomputation by the DPO after a change to the holiday calendar, §1.9"))
                    changed.Add(request.Reference);
            }
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "deadlines.recompute-run",
                $"Deadlines of {open.Count} open request(s) recomputed with the holiday calendar in force; {changed.Count} changed (§1.9, DL-12)."));
            return new Result(open.Count, changed);
        }
    }
}
