using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.BackOffice.Tasks;

/// <summary>The back-office work list: approved requests and their open tasks; mail that could not be delivered.</summary>
public sealed class Index(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = new([], []);

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync() => Data = await mediator.Send(new Query());

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId)
    {
        await mediator.Send(new RetryMessage { MessageId = messageId });
        Flash = "Execution.Retry.Done";
        return RedirectToPage();
    }

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

    /// <summary>Puts a permanently failed message back in the queue (the dispatcher sends it on its next run).</summary>
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record RetryMessage : ICommand<Unit>
    {
        public Guid MessageId { get; init; }
    }

    public sealed class RetryHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<RetryMessage, Unit>
    {
        public async Task<Unit> Handle(RetryMessage command, CancellationToken cancellationToken)
        {
            var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == command.MessageId, cancellationToken) ?? throw new NotFoundException("Message");
            if (message.SentAt is not null)
                throw new DomainException("outbox.sent", "This message has already been sent.");
            message.FailedPermanently = false;
            message.Attempts = 0;
            message.NextAttemptAt = clock.GetUtcNow();
            return Unit.Value;
        }
    }
}
