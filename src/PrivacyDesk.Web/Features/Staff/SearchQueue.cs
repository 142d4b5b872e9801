namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// The DPO queue: open requests by current due date (ExtendedDueOn ?? DueOn), keyset-paged on (due, id)
/// over a partial expression index (0004_staff_queue.sql), one AsNoTracking projection per page. A search
/// (reference, name, e-mail) or a closed status looks at every request, open or closed; other sort
/// orders page by offset. The filtered list exports as CSV with the same filter (QueueExport).
/// </summary>
public static class SearchQueue
{
    public const int PageSize = 50;

    /// <summary>The most rows one CSV export carries.</summary>
    public const int ExportLimit = 10_000;

    public enum SortColumn
    {
        Due,
        Reference,
        Requester,
        Status,
        Received,
    }

    /// <summary>Due windows of the dashboard tiles.</summary>
    public enum DueWindow
    {
        Overdue,
        ThisWeek,
    }

    public enum QueueFlag
    {
        LegalHold,
        Extended,
        Duplicate,
        ReceiptFlagged,
        Unassigned,
    }

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
        public DueWindow? Window { get; set; }
        public QueueFlag? Flag { get; set; }
        public SortColumn Sort { get; set; }
        public bool Descending { get; set; }

        /// <summary>Offset page for the sort orders other than the default (due date ascending).</summary>
        public int PageNumber { get; set; }

        /// <summary>Keyset cursor: the (due, id) of the last row of the previous page.</summary>
        public DateOnly? AfterDue { get; set; }
        public Guid? AfterId { get; set; }
    }

    public sealed record Row(Guid Id, string Reference, string RequesterName, RequestStatus Status, WaitingReason? WaitingReason,
        Channel Channel, DateOnly DueOn, bool Extended, string? AssignedTo, bool DuplicateSuspected, bool ReceiptDateFlagged,
        bool LegalHold, IReadOnlyList<RequestType> Types, int DaysLeft, string RequesterEmail = "", DateOnly ReceivedOn = default)
    {
        public bool IsOpen => Status is not (RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Abandoned);

        public bool Combined => Types.Count > 1;

        public string Urgency => DaysLeft < 0 ? "overdue" : DaysLeft <= 7 ? "soon" : "ok";
    }

    public sealed record Result(IReadOnlyList<Row> Rows, (DateOnly Due, Guid Id)? Next, DateOnly Today, IReadOnlyList<string> Assignees, int? NextPage = null);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            var filtered = Filtered(db, q, today);
            var keyset = q.Sort == SortColumn.Due && !q.Descending;
            if (keyset && q.AfterDue is { } afterDue && q.AfterId is { } afterId)
                filtered = filtered.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ExtendedDueOn ?? r.DueOn, r.Id), ValueTuple.Create(afterDue, afterId)));
            var ordered = Order(filtered, q.Sort, q.Descending);
            if (!keyset)
                ordered = ordered.Skip(Math.Max(0, q.PageNumber) * PageSize);
            var rows = await Project(db, ordered.Take(PageSize + 1), today, cancellationToken);

            var page = rows.Take(PageSize).ToList();
            (DateOnly, Guid)? next = keyset && rows.Count > PageSize ? (page[^1].DueOn, page[^1].Id) : null;
            int? nextPage = !keyset && rows.Count > PageSize ? Math.Max(0, q.PageNumber) + 1 : null;
            var assignees = await db.Users.AsNoTracking()
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Dpo)))
                .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(cancellationToken);
            return new Result(page, next, today, assignees, nextPage);
        }
    }

    /// <summary>Open requests (the partial index's predicate), or every request when searching or asking for a closed status.</summary>
    public static IQueryable<DataSubjectRequest> Filtered(PrivacyDeskDbContext db, Query q, DateOnly today)
    {
        var all = db.Requests.AsNoTracking();
        var searching = !string.IsNullOrWhiteSpace(q.Search);
        var closedStatus = q.Status is RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Abandoned;
        var open = searching || closedStatus
            ? all
            : all.Where(r => r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Abandoned);
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
        if (q.Window == DueWindow.Overdue)
            open = open.Where(r => (r.ExtendedDueOn ?? r.DueOn) < today);
        else if (q.Window == DueWindow.ThisWeek)
        {
            var weekEnd = today.AddDays(7);
            open = open.Where(r => (r.ExtendedDueOn ?? r.DueOn) >= today && (r.ExtendedDueOn ?? r.DueOn) <= weekEnd);
        }
        open = q.Flag switch
        {
            QueueFlag.LegalHold => open.Where(r => r.CandidateId != null && db.LegalHolds.Any(h => h.CandidateId == r.CandidateId && h.LiftedAt == null)),
            QueueFlag.Extended => open.Where(r => r.ExtendedDueOn != null),
            QueueFlag.Duplicate => open.Where(r => r.DuplicateSuspected),
            QueueFlag.ReceiptFlagged => open.Where(r => r.ReceiptDateFlagged),
            QueueFlag.Unassigned => open.Where(r => r.AssignedTo == null),
            _ => open,
        };
        if (searching)
        {
            var term = q.Search!.Trim();
            if (term.StartsWith("PD-", StringComparison.OrdinalIgnoreCase))
            {
                var reference = term.ToUpperInvariant();
                open = open.Where(r => r.Reference == reference);
            }
            else if (term.Contains('@', StringComparison.Ordinal))
            {
                var email = term.ToLowerInvariant();
                open = open.Where(r => r.RequesterEmail.ToLower() == email);
            }
            else
            {
                var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                open = open.Where(r => EF.Functions.ILike(r.RequesterFirstName + " " + r.RequesterLastName, pattern));
            }
        }
        return open;
    }

    public static IQueryable<DataSubjectRequest> Order(IQueryable<DataSubjectRequest> query, SortColumn sort, bool descending) => (sort, descending) switch
    {
        (SortColumn.Reference, false) => query.OrderBy(r => r.Reference).ThenBy(r => r.Id),
        (SortColumn.Reference, true) => query.OrderByDescending(r => r.Reference).ThenBy(r => r.Id),
        (SortColumn.Requester, false) => query.OrderBy(r => r.RequesterLastName).ThenBy(r => r.RequesterFirstName).ThenBy(r => r.Id),
        (SortColumn.Requester, true) => query.OrderByDescending(r => r.RequesterLastName).ThenByDescending(r => r.RequesterFirstName).ThenBy(r => r.Id),
        (SortColumn.Status, false) => query.OrderBy(r => r.Status).ThenBy(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Id),
        (SortColumn.Status, true) => query.OrderByDescending(r => r.Status).ThenBy(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Id),
        (SortColumn.Received, false) => query.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id),
        (SortColumn.Received, true) => query.OrderByDescending(r => r.ReceivedOn).ThenBy(r => r.Id),
        (_, true) => query.OrderByDescending(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Id),
        _ => query.OrderBy(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Id),
    };

    public static async Task<List<Row>> Project(PrivacyDeskDbContext db, IQueryable<DataSubjectRequest> query, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await query
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.RequesterFirstName,
                r.RequesterLastName,
                r.RequesterEmail,
                r.ReceivedOn,
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
        return rows.Select(r => new Row(r.Id, r.Reference, (r.RequesterFirstName + " " + r.RequesterLastName).Trim(),
            r.Status, r.WaitingReason, r.Channel, r.Due, r.Extended, r.AssignedTo, r.DuplicateSuspected, r.ReceiptDateFlagged,
            r.Hold, r.Types, r.Due.DayNumber - today.DayNumber, r.RequesterEmail, r.ReceivedOn)).ToList();
    }
}
