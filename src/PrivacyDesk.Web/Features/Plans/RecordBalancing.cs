using System.Text.Json;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Plans;

/// <summary>
/// OB-2, ER-2, ER-3: the DPO records, per purpose based on legitimate interests or a public task, either the
/// compelling legitimate grounds that override the person's interests (text required) or their absence.
/// Recorded before the decision, because the decision stores the plan that follows it.
/// </summary>
public static class RecordBalancing
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public string PurposeCode { get; init; } = "";
        public bool CompellingGrounds { get; init; }
        public string? Grounds { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.PurposeCode).NotEmpty().MaximumLength(60);
            RuleFor(c => c.Grounds).NotEmpty().When(c => c.CompellingGrounds)
                .WithMessage("Write down the compelling legitimate grounds that override the person's interests (OB-2).");
            RuleFor(c => c.Grounds).MaximumLength(PurposeBalancing.MaxGrounds);
        }
    }

    /// <summary>The rights whose plan reads a balancing: an objection under 21(1) (OB-2) and erasure read as one (ER-3).</summary>
    public static bool Applies(DataSubjectRequest request) =>
        request.SubRequests.Any(s => s.Type is RequestType.Objection or RequestType.Erasure);

    /// <summary>Before the decision: the decision stores the plan, which must already follow the balancing.</summary>
    public static bool Open(DataSubjectRequest request) =>
        request.Status is RequestStatus.Received or RequestStatus.InReview or RequestStatus.AwaitingDataSubject;

    public static bool Objectable(ProcessingPurpose purpose) =>
        purpose.LegalBasis is LegalBasis.LegitimateInterests or LegalBasis.PublicTask;

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken) ?? throw new NotFoundException("Request");
            if (!Applies(request))
                throw new DomainException("balancing.type", "Only an objection or an erasure request calls for a balancing.", "OB-2");
            if (!Open(request))
                throw new DomainException("balancing.state", $"A request that is {request.Status} has been decided; the balancing comes before the decision.", "OB-2");
            var purpose = await db.Purposes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == command.PurposeCode, cancellationToken)
                ?? throw new NotFoundException("Purpose");
            if (!Objectable(purpose))
                throw new DomainException("balancing.basis", "Only a purpose based on legitimate interests or a public task can be balanced (Art. 21(1)); other purposes cannot be objected to.", "OB-4");

            var now = clock.GetUtcNow();
            var today = BrusselsTime.ToBrusselsDate(now);
            var existing = await db.Set<PurposeBalancing>().FirstOrDefaultAsync(b => b.RequestId == request.Id && b.PurposeCode == purpose.Code, cancellationToken);
            var before = existing is null ? null : new { compelling = existing.CompellingGrounds, grounds = existing.Grounds };
            if (existing is null)
                db.Set<PurposeBalancing>().Add(existing = new PurposeBalancing(request.Id, purpose.Code, command.CompellingGrounds, command.Grounds, user.Actor, now, today));
            else
                existing.Change(command.CompellingGrounds, command.Grounds, user.Actor, now, today);
            var after = new { compelling = existing.CompellingGrounds, grounds = existing.Grounds };
            request.Record(now, user.Actor, "balancing.recorded",
                $"Balancing for purpose {purpose.Code}: {(existing.CompellingGrounds ? "compelling legitimate grounds recorded" : "no compelling legitimate grounds")} (OB-2).",
                data: JsonSerializer.Serialize(new { purpose = purpose.Code, before, after }, Json));
            return Unit.Value;
        }
    }
}
