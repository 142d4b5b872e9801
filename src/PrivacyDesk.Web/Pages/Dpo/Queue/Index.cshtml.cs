using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Dpo.Queue;

/// <summary>
/// The DPO queue: open requests by current due date (ExtendedDueOn ?? DueOn), keyset-paged on (due, id)
/// over a partial expression index (0004_staff_queue.sql), one AsNoTracking projection per page.
/// </summary>
public sealed class Index(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = new([], null, DateOnly.MinValue, []);

    public async Task OnGetAsync() => Data = await mediator.Send(Filter);

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public RequestType? Type { get; set; }
        public RequestStatus? Status { get; set; }
        public Channel? Channel { get; set; }
        public string? Assignee { get; set; }
        public DateOnly? DueFrom { get; set; }
        public DateOnly? DueTo { get; set; }
        public string? Search { get; set; }

        /// <summary>Keyset cursor: the (due, id) of the last row of the previous page.</summary>
        public DateOnly? AfterDue { get; set; }
        public Guid? AfterId { get; set; }
    }

    public sealed record Row(Guid Id, string Reference, string RequesterName, RequestStatus Status, WaitingReason? WaitingReason,
        Channel Channel, DateOnly DueOn, bool Extended, string? AssignedTo, bool DuplicateSuspected, bool ReceiptDateFlagged,
        bool LegalHold, IReadOnlyList<RequestType> Types, int DaysLeft)
    {
        public bool Combined => Types.Count > 1;

        public string Urgency => DaysLeft < 0 ? "overdue" : DaysLeft <= 7 ? "soon" : "ok";
    }

    public sealed record Result(IReadOnlyList<Row> Rows, (DateOnly Due, Guid Id)? Next, DateOnly Today, IReadOnlyList<string> Assignees);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            // The same predicate as the partial index: terminal statuses spelled out as constants.
            var open = db.Requests.AsNoTracking().Where(r => r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Abandoned);
            if (q.Status is { } status)
                open = open.Where(r => r.Status == status);
            if (q.Channel is { } channel)
                open = open.Where(r => r.Channel == channel);
            if (q.Type is { } type)
                open = open.Where(r => r.SubRequests.Any(s => s.Type == type));
            if (!string.IsNullOrWhiteSpace(q.Assignee))
                open = q.Assignee == "-" ? open.Where(r => r.AssignedTo == null) : open.Where(r => r.AssignedTo == q.Assignee);
            if (q.DueFrom is { } from)
                open = open.Where(r => (r.ExtendedDueOn ?? r.DueOn) >= from);
            if (q.DueTo is { } to)
                open = open.Where(r => (r.ExtendedDueOn ?? r.DueOn) <= to);
            if (!string.IsNullOrWhiteSpace(q.Search))
            {
                var term = q.Search.Trim();
                if (term.StartsWith("PD-", StringComparison.OrdinalIgnoreCase))
                {
                    var reference = term.ToUpperInvariant();
                    open = open.Where(r => r.Reference == reference);
                }
                else
                {
                    var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                    open = open.Where(r => EF.Functions.ILike(r.RequesterFirstName + " " + r.RequesterLastName, pattern));
                }
            }
            if (q.AfterDue is { } afterDue && q.AfterId is { } afterId)
                open = open.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ExtendedDueOn ?? r.DueOn, r.Id), ValueTuple.Create(afterDue, afterId)));

            var rows = await open
                .OrderBy(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Id)
                .Take(PageSize + 1)
                .Select(r => new
                {
                    r.Id,
                    r.Reference,
                    r.RequesterFirstName,
                    r.RequesterLastName,
                    r.Status,
                    r.WaitingReason,
                    r.Channel,
                    Due = r.ExtendedDueOn ?? r.DueOn,
                    Extended = r.ExtendedDueOn != null,
                    r.AssignedTo,
                    r.DuplicateSuspected,
                    r.ReceiptDateFlagged,
                    Hold = r.CandidateId != null && db.LegalHolds.Any(h => h.CandidateId == r.CandidateId && h.LiftedAt == null),
                    Types = r.SubRequests.Select(s => s.Type).ToList(),
                })
                .ToListAsync(cancellationToken);

            var page = rows.Take(PageSize).Select(r => new Row(r.Id, r.Reference, (r.RequesterFirstName + " " + r.RequesterLastName).Trim(),
                r.Status, r.WaitingReason, r.Channel, r.Due, r.Extended, r.AssignedTo, r.DuplicateSuspected, r.ReceiptDateFlagged,
                r.Hold, r.Types, r.Due.DayNumber - today.DayNumber)).ToList();
            (DateOnly, Guid)? next = rows.Count > PageSize ? (page[^1].DueOn, page[^1].Id) : null;
            var assignees = await db.Users.AsNoTracking()
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Dpo)))
                .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(cancellationToken);
            return new Result(page, next, today, assignees);
        }
    }
}
