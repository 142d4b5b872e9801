using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.BackOffice;

/// <summary>The back-office work list: approved requests and their open tasks; mail that could not be delivered.</summary>
public static class GetBackOfficeWork
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Case> Cases, IReadOnlyList<FailedMessage> FailedMessages);

    public sealed record Case(Guid Id, string Reference, RequestStatus Status, DateOnly DueOn, string Types, int OpenTasks, int Tasks, bool AnswerSent);

    public sealed record FailedMessage(Guid Id, string Template, string? RequestReference, DateTimeOffset CreatedAt, int Attempts, string? LastError);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        private static readonly RequestStatus[] Working = [RequestStatus.Approved, RequestStatus.PartiallyApproved, RequestStatus.InExecution, RequestStatus.Completed];

        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var cases = await db.Requests.AsNoTracking()
                .Where(r => Working.Contains(r.Status) || (r.Status == RequestStatus.Refused && r.FinalAnswerSentAt == null))
                .OrderBy(r => r.ExtendedDueOn ?? r.DueOn).ThenBy(r => r.Reference)
                .Take(500)
                .Select(r => new
                {
                    r.Id, r.Reference, r.Status, Due = r.ExtendedDueOn ?? r.DueOn, Types = r.SubRequests.Select(s => s.Type).ToList(),
                    Open = db.Tasks.Count(t => t.RequestId == r.Id && t.Status == WorkTaskStatus.Open),
                    All = db.Tasks.Count(t => t.RequestId == r.Id),
                    Sent = r.FinalAnswerSentAt != null,
                })
                .ToListAsync(cancellationToken);
            var failed = await (from m in db.Outbox.AsNoTracking()
                                where m.FailedPermanently && m.SentAt == null
                                orderby m.CreatedAt descending
                                select new FailedMessage(m.Id, m.Template, db.Requests.Where(r => r.Id == m.RequestId).Select(r => r.Reference).FirstOrDefault(), m.CreatedAt, m.Attempts, m.LastError))
                .Take(100).ToListAsync(cancellationToken);
            return new Result(cases.Select(c => new Case(c.Id, c.Reference, c.Status, c.Due, string.Join(", ", c.Types), c.Open, c.All, c.Sent)).ToList(), failed);
        }
    }
}
