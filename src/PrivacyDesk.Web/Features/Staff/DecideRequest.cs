using System.Text.Json;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Approve, partially approve or refuse (Art. 12(4) N1–N5), with the plan stored on each sub-request.</summary>
public static class DecideRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public DecisionOutcome Outcome { get; init; }
        public string? ReasonCode { get; init; }
        public string? ReasonDetails { get; init; }

        /// <summary>Partial approval: the sub-requests that are refused; the others are approved.</summary>
        public List<Guid> RefusedSubRequests { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Outcome).IsInEnum();
            RuleFor(c => c.ReasonCode).NotEmpty().When(c => c.Outcome != DecisionOutcome.Approved)
                .WithMessage("A refusal or partial approval must state its reasons (N1).");
            RuleFor(c => c.ReasonCode).Must(code => ReasonCatalog.FindRefusal(code) is not null)
                .When(c => !string.IsNullOrWhiteSpace(c.ReasonCode)).WithMessage("Choose a reason from the list.");
            RuleFor(c => c.ReasonDetails).NotEmpty().When(c => c.ReasonCode == "other")
                .WithMessage("Explain the reason in plain words (N1).");
            RuleFor(c => c.ReasonDetails).MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, RequestPlanner planner, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var lang = request.Language;
            var reason = command.Outcome == DecisionOutcome.Approved || string.IsNullOrWhiteSpace(command.ReasonCode)
                ? null
                : ReasonCatalog.RefusalText(command.ReasonCode, command.ReasonDetails, lang);
            if (reason is not null && AbuseGround(command.ReasonCode) is { } ground)
            {
                // FEE-2, FEE-10: the refusal carries the facts the DPO recorded; FEE-6: an excessive request is refused
                // only with a written reason why a fee would not do.
                if (ground == AbuseClassification.Excessive && string.IsNullOrWhiteSpace(command.ReasonDetails))
                    throw new DomainException("fee.refusal-why-not-fee", "Explain why a fee would not do before refusing an excessive request.", "FEE-6");
                if (request.AbuseClassification == ground)
                    reason += "\n" + new Domain.Plans.LocalizedText("Feiten: ", "Faits : ", "Facts: ").For(lang) + request.RefusalFacts(ground);
                else if (string.IsNullOrWhiteSpace(command.ReasonDetails))
                    request.RefusalFacts(ground); // FEE-2: refused, no facts recorded or given
                else
                    request.Classify(ground, command.ReasonDetails, now, user.Actor); // the details given are the facts (FEE-2)
            }

            Dictionary<Guid, (DecisionOutcome, string?)>? perSub = null;
            if (command.Outcome == DecisionOutcome.PartiallyApproved && command.RefusedSubRequests.Count > 0)
            {
                perSub = request.SubRequests.ToDictionary(s => s.Id, s => command.RefusedSubRequests.Contains(s.Id)
                    ? (DecisionOutcome.Refused, reason)
                    : (DecisionOutcome.Approved, (string?)null));
            }

            // What was approved is preserved: the plan as it stands at the decision (product.md §4).
            if (request.CandidateId is not null || request.IdentityStatus == IdentityStatus.NoDataHeld)
            {
                foreach (var plan in await planner.BuildAsync(request, cancellationToken))
                    request.SubRequests.First(s => s.Id == plan.SubRequest.Id).StorePlan(JsonSerializer.Serialize(plan.Plan, GetRequestPlan.Json), now);
            }

            request.Decide(command.Outcome, reason, now, user.Actor, perSub);

            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Scope"] = StaffMail.Scope(request, lang),
                ["Reasons"] = reason ?? "",
                ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(lang),
            };
            if (perSub is not null)
            {
                values["Scope"] = string.Join(", ", request.SubRequests.Where(s => command.RefusedSubRequests.Contains(s.Id))
                    .Select(s => ReasonCatalog.RightName(s.Type).For(lang)));
            }
            var template = command.Outcome switch
            {
                DecisionOutcome.Approved => "staff-approved",
                DecisionOutcome.PartiallyApproved => "staff-partial-refusal",
                _ => "staff-refusal",
            };
            await mail.QueueAsync(template, request, values);
            return Unit.Value;
        }

        private static AbuseClassification? AbuseGround(string? code) => code switch
        {
            "manifestly-unfounded" => AbuseClassification.ManifestlyUnfounded,
            "excessive" => AbuseClassification.Excessive,
            _ => null,
        };
    }
}
