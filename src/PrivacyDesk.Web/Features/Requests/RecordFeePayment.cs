using System.Globalization;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>The person paid the fee, or refused to pay it (then the request is refused with the facts, FEE-10).</summary>
public static class RecordFeePayment
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public bool? Paid { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Paid).NotNull().WithMessage("Record whether the fee was paid or refused (FEE-8).");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail, StaffMail staffMail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var today = clock.Today();
            if (command.Paid == true)
            {
                request.RecordFeePaid(today, now, user.Actor);
                deadlines.Recompute(request, user.Actor, "fee paid, the fee wait ends (CLK-3)");
                await mail.FeePaidAsync(request, today);
                return Unit.Value;
            }
            var lang = request.Language;
            var reason = ReasonCatalog.RefusalText("excessive", FeeRefusalDetails(request, lang), lang);
            request.RecordFeeNotPaid(reason, today, now, user.Actor);
            deadlines.Recompute(request, user.Actor, "fee not paid, the fee wait ends (CLK-3)");
            await staffMail.QueueAsync("staff-refusal", request, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Scope"] = StaffMail.Scope(request, lang),
                ["Reasons"] = reason,
                ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(lang),
            });
            return Unit.Value;
        }

        private static string FeeRefusalDetails(DataSubjectRequest request, string lang)
        {
            var amount = (request.FeeAmount ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
            var facts = request.RefusalFacts(AbuseClassification.Excessive);
            return new LocalizedText(
                $"Feiten: {facts}\nDe gevraagde vergoeding van EUR {amount} ({request.FeeBasis}) werd niet betaald.",
                $"Faits : {facts}\nLes frais demandés de {amount} EUR ({request.FeeBasis}) n'ont pas été payés.",
                $"Facts: {facts}\nThe fee asked of EUR {amount} ({request.FeeBasis}) was not paid.").For(lang);
        }
    }
}
