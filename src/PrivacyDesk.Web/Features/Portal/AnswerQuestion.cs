using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>The candidate answers the DPO's question (identity or clarification), optionally with a document (identity only, ID-6).</summary>
public static class AnswerQuestion
{
    public sealed record Upload(string? FileName, long Length, byte[] Content);

    [Public]
    public sealed record Command : ICommand<Unit>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public string? Message { get; init; }
        public Upload? File { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Validator> l)
        {
            RuleFor(a => a.Message).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.AnswerRequired"]).When(a => a.File is null)
                .MaximumLength(4000).WithMessage(_ => l["Portal.Val.TooLong", 4000])
                .Must(PortalInput.IsPlainText).WithMessage(_ => l["Portal.Val.NoMarkup"]);
            RuleFor(a => a.File!).Custom((file, ctx) =>
            {
                var check = UploadedFileCheck.Check(file.FileName, file.Length, file.Content.AsSpan(0, Math.Min(16, file.Content.Length)));
                if (!check.Ok)
                    ctx.AddFailure("File", l["Portal.Upload." + check.Problem, UploadedFileCheck.MaxBytes / (1024 * 1024)]);
            }).When(a => a.File is not null);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, DeadlineService deadlines, IdentityProofStore proofs, WaitingMail mail, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.Include(r => r.WaitingPeriods), command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.Status != RequestStatus.AwaitingDataSubject || request.WaitingReason is not (WaitingReason.Identity or WaitingReason.Clarification))
                throw new DomainException("portal.not-waiting", "This request is not waiting for an answer.");
            if (command.File is not null && request.WaitingReason != WaitingReason.Identity)
                throw new DomainException("portal.upload-not-asked", "An identity document is only accepted when we asked for proof of identity.", "ID-6");

            var now = clock.GetUtcNow();
            var today = BrusselsTime.ToBrusselsDate(now);
            if (!string.IsNullOrWhiteSpace(command.Message))
                request.AddMessage(fromDataSubject: true, internalNote: false, "candidate", command.Message, now);
            if (command.File is { } file)
            {
                var check = UploadedFileCheck.Check(file.FileName, file.Length, file.Content);
                proofs.Add(request.Id, check.SafeFileName!, check.ContentType!, file.Content);
                request.Record(now, "candidate", "identity.proof-uploaded", "Identity document uploaded; stored encrypted until identity is settled (ID-6).");
            }
            request.ReceiveFromDataSubject(today, now, "candidate");
            deadlines.Recompute(request, "candidate", "answer received on the portal, the wait ends (CLK-3)");
            await mail.AnswerReceivedAsync(request, today);
            return Unit.Value;
        }
    }
}
