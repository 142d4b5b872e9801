using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// A request that reached the agency by post, e-mail, phone or in person, or through another system,
/// registered with its real receipt date (DL-1, DL-4). One command for the staff page (Dpo/Requests/New), the API
/// (POST /api/v1/requests) and the register-request command line. It goes through <see cref="RequestIntake"/>, the
/// same as the portal form, so the DPO sees no difference; the requester gets the acknowledgement e-mail.
/// </summary>
public static class RegisterRequest
{
    [RequiresRole(Roles.Intake, Roles.Dpo)]
    public sealed record Command : ICommand<RequestView>
    {
        /// <summary>One right, or several for a combined request (each a sub-request with its own clock, DL-6).</summary>
        public List<RequestType> Types { get; init; } = [];

        public Channel Channel { get; init; } = Channel.Api;

        /// <summary>When the request reached the agency (DL-1); this or receivedOn is required for Email, Post, Phone and InPerson (DL-4).</summary>
        public DateTimeOffset? ReceivedAt { get; init; }

        /// <summary>The Brussels day the request reached the agency, when the time is not known (a letter); instead of receivedAt (DL-4).</summary>
        public DateOnly? ReceivedOn { get; init; }

        public string Language { get; init; } = "nl";

        public RequesterInput Requester { get; init; } = new();

        /// <summary>Type-specific answers (corrections, restriction ground, format, purposes…), shared by the sub-requests.</summary>
        public SubRequestDetails? Details { get; init; }

        /// <summary>What the person wrote, e.g. a transcription of the letter.</summary>
        public string? Description { get; init; }

        /// <summary>The person agreed to be contacted about the request by e-mail or phone.</summary>
        public bool ContactConsent { get; init; } = true;

        /// <summary>Set by the endpoint from the Idempotency-Key (never from the body): one key, one request.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string? SubmissionKey { get; init; }
    }

    public sealed record RequesterInput
    {
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";

        /// <summary>Required unless the request came by post, phone or in person: a letter is valid without one (DL-3).</summary>
        public string Email { get; init; } = "";

        public string? Phone { get; init; }
        public DateOnly? DateOfBirth { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly string[] Languages = ["nl", "fr", "en"];
        private static readonly string[] Formats = ["json", "csv", "both"];
        private static readonly Channel[] NeedReceipt = [Channel.Email, Channel.Post, Channel.Phone, Channel.InPerson];
        private static readonly Channel[] WithoutEmail = [Channel.Post, Channel.Phone, Channel.InPerson];

        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Types).NotEmpty().WithMessage("Choose at least one right.")
                .Must(t => t.Distinct().Count() == t.Count).WithMessage("Each right appears once in a combined request (DL-6).");
            RuleForEach(c => c.Types).IsInEnum();
            RuleFor(c => c.Channel).IsInEnum()
                .NotEqual(Channel.Web).WithMessage("Web is the portal's channel; systems register with Api, Email, Post, Phone or InPerson.");
            RuleFor(c => c.ReceivedAt).NotNull().When(c => NeedReceipt.Contains(c.Channel) && c.ReceivedOn is null)
                .WithMessage("Give the real date and time the request was received (DL-4).");
            RuleFor(c => c.ReceivedAt).Must(r => r is null || r <= clock.GetUtcNow().AddMinutes(5))
                .WithMessage("The receipt date cannot be in the future (DL-4).");
            RuleFor(c => c.ReceivedOn).Null().When(c => c.ReceivedAt is not null)
                .WithMessage("Give the receipt date or the receipt time, not both (DL-4).");
            RuleFor(c => c.ReceivedOn).Must(d => d <= BrusselsTime.Today(clock)).When(c => c.ReceivedOn is not null)
                .WithMessage("The receipt date cannot be in the future (DL-4).");
            // DL-4: an old receipt date (an agency importing last year's mailbox) is accepted and flagged for the DPO,
            // the same on every channel; RequestIntake flags it.
            RuleFor(c => c.Language).Must(l => Languages.Contains(l, StringComparer.Ordinal)).WithMessage("Use nl, fr or en.");
            RuleFor(c => c.Requester).NotNull();
            RuleFor(c => c.Requester.FirstName).NotEmpty().MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoControlCharacters).WithMessage("Control characters are not allowed.")
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.Requester.LastName).NotEmpty().MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoControlCharacters).WithMessage("Control characters are not allowed.")
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.Requester.Email).NotEmpty().When(c => !WithoutEmail.Contains(c.Channel));
            RuleFor(c => c.Requester.Email).MaximumLength(254).EmailAddress()
                .Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage)
                .Must(CandidateInputRules.Deliverable).WithMessage(CandidateInputRules.DeliverableMessage)
                .When(c => !string.IsNullOrWhiteSpace(c.Requester.Email));
            RuleFor(c => c.Requester.Phone).MaximumLength(40).Matches(CandidateInputRules.PhonePattern).WithMessage(CandidateInputRules.PhoneMessage);
            RuleFor(c => c.Requester.DateOfBirth).InclusiveBetween(new DateOnly(1900, 1, 1), new DateOnly(2100, 1, 1));
            RuleFor(c => c.Description).MaximumLength(4000); // the column (requests.description) holds 4,000

            RuleFor(c => c.Details!.Format).Must(f => f is null || Formats.Contains(f, StringComparer.Ordinal))
                .WithMessage("Use json, csv or both.").When(c => c.Details is not null);
            RuleFor(c => c.Details!.SendToController).MaximumLength(300).When(c => c.Details is not null);
            RuleFor(c => c.Details!.Explanation).MaximumLength(4000).When(c => c.Details is not null);
            RuleFor(c => c.Details!.RestrictionGround).IsInEnum().When(c => c.Details is not null);
            RuleFor(c => c.Details!.Corrections).Must(x => x is null || x.Count <= 50).When(c => c.Details is not null);
            RuleForEach(c => c.Details!.Corrections).ChildRules(r =>
            {
                r.RuleFor(x => x.RecordSet).IsInEnum();
                r.RuleFor(x => x.Field).NotEmpty().MaximumLength(100);
                r.RuleFor(x => x.CurrentValue).MaximumLength(1000);
                r.RuleFor(x => x.NewValue).NotEmpty().MaximumLength(1000);
            }).When(c => c.Details?.Corrections is not null);
            RuleForEach(c => c.Details!.PurposeCodes).NotEmpty().MaximumLength(60).When(c => c.Details?.PurposeCodes is not null);
            RuleForEach(c => c.Details!.ConsentPurposeCodes).NotEmpty().MaximumLength(60).When(c => c.Details?.ConsentPurposeCodes is not null);
            RuleFor(c => c.Details).Must(d => d?.Corrections is { Count: > 0 } || d?.Explanation is { Length: > 0 })
                .When(c => c.Types.Contains(RequestType.Rectification) && string.IsNullOrWhiteSpace(c.Description))
                .WithMessage("A rectification names the wrong data and the right value (details.corrections), or describes them (RECT-1).");
        }
    }

    public sealed class Handler(RequestIntake intake, EmailOutbox outbox, IStringLocalizerFactory localizers,
        IOptions<MailOptions> mail, ICurrentUser user, ControllerProfileCache profiles, PrivacyDeskDbContext db) : IRequestHandler<Command, RequestView>
    {
        public async Task<RequestView> Handle(Command command, CancellationToken cancellationToken)
        {
            var detailsJson = command.Details is null ? null : command.Details.ToJson();
            var rights = command.Types.Select(t => new DataSubjectRequest.SubRequestInput(t, detailsJson)).ToList();
            var r = command.Requester;
            // PostgreSQL stores instants in UTC; the Brussels receipt date is derived from the instant, not the offset sent.
            var receivedAt = command.ReceivedAt?.ToUniversalTime() ?? (command.ReceivedOn is { } day ? NoonInBrussels(day) : null);
            var created = await intake.ReceiveAsync(new RequestIntake.Input(command.Channel, receivedAt, command.Language,
                new DataSubjectRequest.Requester(r.FirstName, r.LastName, r.Email?.Trim() ?? "", r.Phone, r.DateOfBirth), rights, command.Description,
                command.ContactConsent, command.SubmissionKey), user.Actor, cancellationToken);

            var request = created.Request;
            if (string.IsNullOrWhiteSpace(request.RequesterEmail))
                return RequestView.From(request); // registered by post without an e-mail address: the answer goes by post (CLK-6)
            var controller = (await profiles.GetAsync(db))?.Name;
            var culture = CultureInfo.GetCultureInfo(request.Language == "en" ? "en" : request.Language + "-BE");
            // Identity is handled by whoever registered the request: the acknowledgement carries no verification link.
            outbox.Queue("request-acknowledgement-registered", request.Language, request.RequesterEmail, new Dictionary<string, string>
            {
                ["Name"] = request.RequesterName,
                ["Reference"] = request.Reference,
                ["Rights"] = RightNames(request.Types, culture),
                // Dates in words in the reader's language ("7 December 2026"), never the culture's numeric "12/7/2026".
                ["ReceivedOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(request.ReceivedOn, request.Language),
                ["DueOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(request.CurrentDueOn, request.Language),
                ["StatusLink"] = StatusLink(mail.Value.PublicBaseUrl, request.Reference, created.StatusToken),
                ["Controller"] = controller ?? "PrivacyDesk",
            }, request.Id);
            return RequestView.From(request);
        }

        /// <summary>Received "on" a day: the clock runs from that Brussels date (DL-1); noon avoids any DST edge.</summary>
        private static DateTimeOffset NoonInBrussels(DateOnly day)
        {
            var local = day.ToDateTime(new TimeOnly(12, 0));
            return new DateTimeOffset(local, BrusselsTime.Zone.GetUtcOffset(local)).ToUniversalTime();
        }

        private string RightNames(IEnumerable<RequestType> types, CultureInfo culture)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                var localizer = localizers.Create(typeof(RegisterRequest));
                return string.Join(", ", types.Select(t => localizer["api.right." + t].Value));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        /// <summary>The portal's status page, reached by the reference and the secret token.</summary>
        public static string StatusLink(string baseUrl, string reference, string token) =>
            $"{baseUrl.TrimEnd('/')}/Requests/Status?reference={Uri.EscapeDataString(reference)}&token={Uri.EscapeDataString(token)}";
    }
}
