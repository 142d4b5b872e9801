using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// What the candidate's status page shows behind the secret link (token stored hashed): timeline in plain
/// words, the current due date (extended with its reason; provisional while we wait, CLK-3), messages,
/// deliverables and the rights with their outcome. Null for a wrong token and an unknown reference alike.
/// </summary>
public static class GetCandidateStatus
{
    [Public]
    public sealed record Query : IRequest<View?>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed record TimelineItem(DateTimeOffset At, string Type);

    public sealed record MessageItem(DateTimeOffset At, bool FromYou, string Body);

    public sealed record PackageItem(Guid Id, PackageKind Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired);

    /// <summary>One right asked for and, once decided, what became of it.</summary>
    public sealed record RightItem(RequestType Type, DecisionOutcome? Outcome, string? Reason, bool Executed);

    /// <summary>The five steps the candidate sees: received → identity → in review → being carried out → answered.</summary>
    public enum Step
    {
        Received = 1,
        Identity = 2,
        InReview = 3,
        CarryingOut = 4,
        Answered = 5,
    }

    public sealed record View(
        string Reference,
        RequestStatus Status,
        WaitingReason? WaitingReason,
        IdentityStatus IdentityStatus,
        IReadOnlyList<RequestType> Types,
        DateOnly ReceivedOn,
        DateOnly DueOn,
        bool DueIsProvisional,
        DateOnly? ExtendedDueOn,
        string? ExtensionReason,
        IReadOnlyList<TimelineItem> Timeline,
        IReadOnlyList<MessageItem> Messages,
        IReadOnlyList<PackageItem> Packages,
        IReadOnlyList<RightItem> Rights,
        DateOnly? AnswerBy,
        DateTimeOffset? VerificationExpiresAt)
    {
        public bool Ended => Status is RequestStatus.Withdrawn or RequestStatus.Abandoned;

        public Step CurrentStep => Status switch
        {
            RequestStatus.Received => IdentityStatus is IdentityStatus.NotChecked or IdentityStatus.MoreProofRequested ? Step.Identity : Step.InReview,
            RequestStatus.AwaitingDataSubject => WaitingReason == Domain.Requests.WaitingReason.Identity ? Step.Identity : Step.InReview,
            RequestStatus.InReview => Step.InReview,
            RequestStatus.Approved or RequestStatus.PartiallyApproved or RequestStatus.InExecution => Step.CarryingOut,
            _ => Step.Answered,
        };

        public IEnumerable<PackageItem> ValidPackages => Packages.Where(p => !p.Expired);

        public bool CanWithdraw => Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject or RequestStatus.InReview
            or RequestStatus.Approved or RequestStatus.PartiallyApproved;

        public bool CanAnswer => Status == RequestStatus.AwaitingDataSubject && WaitingReason is Domain.Requests.WaitingReason.Identity or Domain.Requests.WaitingReason.Clarification;

        /// <summary>ID-6: a document copy only as the last step, when the DPO asked for more proof of identity.</summary>
        public bool CanUpload => Status == RequestStatus.AwaitingDataSubject && WaitingReason == Domain.Requests.WaitingReason.Identity;

        public bool CanResendVerification => IdentityStatus == IdentityStatus.NotChecked && CanWithdraw;

        public DateOnly CurrentDueOn => ExtendedDueOn ?? DueOn;
    }

    /// <summary>The audit events a candidate sees, in plain words; staff-only events (notes, assignment, links to records) stay hidden.</summary>
    public static readonly HashSet<string> PublicEvents =
    [
        "request.received", "identity.link-sent", "identity.email-confirmed", "identity.verified", "request.waiting",
        "request.answer-received", "identity.proof-uploaded", "request.in-review", "request.extended", "request.decided",
        "request.execution-started", "request.completed", "request.final-answer-sent", "request.closed", "request.withdrawn",
        "request.abandoned", "request.message", "request.status-link-renewed", "package.ready",
    ];

    public sealed class Handler(PrivacyDeskDbContext db, DeadlineService deadlines, RulesConfiguration rules, TimeProvider clock) : IRequestHandler<Query, View?>
    {
        public async Task<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.AsNoTracking().Include(r => r.WaitingPeriods), query.Reference, query.Token, cancellationToken);
            if (request is null)
                return null;
            var now = clock.GetUtcNow();
            // CLK-3: while waiting, the provisional date as of today is shown (computed, never stored from a read).
            var (dueOn, provisional) = (request.DueOn, request.DueIsProvisional);
            if (request.IsOpen && request.Status == RequestStatus.AwaitingDataSubject)
            {
                var computed = deadlines.Compute(request);
                (dueOn, provisional) = (computed.DueBase, computed.IsProvisional);
            }

            var events = await db.AuditEvents.AsNoTracking()
                .Where(e => e.RequestId == request.Id && PublicEvents.Contains(e.Type))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)
                .Select(e => new TimelineItem(e.OccurredAt, e.Type))
                .ToListAsync(cancellationToken);
            var messages = await db.RequestMessages.AsNoTracking()
                .Where(m => m.RequestId == request.Id && !m.Internal)
                .OrderBy(m => m.At)
                .Select(m => new MessageItem(m.At, m.FromDataSubject, m.Body))
                .ToListAsync(cancellationToken);
            var packages = await db.Packages.AsNoTracking()
                .Where(p => p.RequestId == request.Id)
                .OrderBy(p => p.CreatedAt)
                .Select(p => new PackageItem(p.Id, p.Kind, p.CreatedAt, p.ExpiresAt, p.ExpiresAt <= now))
                .ToListAsync(cancellationToken);
            // CLK-4: the candidate has ABANDON_AFTER_DAYS from the (last) question to answer.
            var asked = request.Status == RequestStatus.AwaitingDataSubject
                ? request.WaitingPeriods.Where(w => w.ReceivedOn is null).Select(w => (DateOnly?)w.RequestedOn).Max()
                : null;
            var rights = request.SubRequests.OrderBy(s => s.Type)
                .Select(s => new RightItem(s.Type, s.Outcome, s.OutcomeReason, s.ExecutedAt is not null)).ToList();
            return new View(request.Reference, request.Status, request.WaitingReason, request.IdentityStatus,
                request.SubRequests.Select(s => s.Type).OrderBy(t => t).ToList(), request.ReceivedOn, dueOn, provisional,
                request.ExtendedDueOn, request.ExtensionReason, events, messages, packages, rights,
                asked?.AddDays(rules.Clock.AbandonAfterDays), request.VerificationExpiresAt);
        }
    }
}
