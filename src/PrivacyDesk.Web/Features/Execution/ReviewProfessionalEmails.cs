using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Records the reviewed extract of each professional e-mail and closes the ACC-6 review task.</summary>
public static class ReviewProfessionalEmails
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public List<Extract> Extracts { get; init; } = [];
    }

    public sealed record Extract
    {
        public Guid EmailId { get; init; }
        public string Text { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleForEach(c => c.Extracts).ChildRules(x =>
            {
                x.RuleFor(e => e.Text).NotEmpty().WithMessage("Write the extract for every e-mail (ACC-6).").MaximumLength(20000);
            });
        }
    }

    /// <summary>The review page: the request's e-mails awaiting review.</summary>
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Query : IRequest<View>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Email(Guid Id, DateTimeOffset SentAt, string From, string To, string Subject, string Body, string? ClientCompany);

    public sealed record View(Guid RequestId, string Reference, bool TaskOpen, IReadOnlyList<Email> Emails);

    public sealed class QueryHandler(PrivacyDeskDbContext db, EmailReview review) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            var open = await db.Tasks.AnyAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.ReviewProfessionalEmails && t.Status == WorkTaskStatus.Open, cancellationToken);
            var emails = request.CandidateId is { } id && open ? await review.PendingAsync(id, cancellationToken) : [];
            return new View(request.Id, request.Reference, open,
                emails.Select(e => new Email(e.Id, e.SentAt, e.FromAddress, e.ToAddress, e.Subject, e.Body, e.ClientCompany)).ToList());
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, EmailReview review, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.ReviewProfessionalEmails && t.Status == WorkTaskStatus.Open, cancellationToken)
                ?? throw new DomainException("review.none", "There is no open review of professional e-mails for this request.", "ACC-6");
            var pending = request.CandidateId is { } id ? await review.PendingAsync(id, cancellationToken) : [];
            var given = command.Extracts.Where(e => !string.IsNullOrWhiteSpace(e.Text)).ToDictionary(e => e.EmailId, e => e.Text.Trim());
            var missing = pending.Count(e => !given.ContainsKey(e.Id));
            if (missing > 0)
                throw new DomainException("review.missing", $"{missing} e-mail(s) still need their extract.", "ACC-6");
            var now = clock.GetUtcNow();
            foreach (var email in pending)
                email.RedactedExtract = given[email.Id];
            task.Finish(WorkTaskStatus.Done, $"{pending.Count} e-mail(s) reviewed; extracts recorded.", user.Actor, now);
            // Counts only: the extracts are the person's data and belong in the package, not in the audit summary.
            request.Record(now, user.Actor, "access.emails-reviewed", $"{pending.Count} professional e-mail(s) reviewed for the access copy (ACC-6).");
            return Unit.Value;
        }
    }
}
