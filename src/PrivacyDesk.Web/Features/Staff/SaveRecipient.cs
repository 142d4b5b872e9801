using CsvHelper;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>A recipient; outside the EEA a transfer safeguard is required (Chapter V GDPR).</summary>
public static class SaveRecipient
{
    public static readonly IReadOnlySet<string> Eea = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public RecipientKind Kind { get; init; }
        public string Country { get; init; } = "BE";
        public string? TransferSafeguard { get; init; }
        public string? Description { get; init; }
        public string? ContactEmail { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().Matches("^[a-z0-9-]{2,60}$").WithMessage("Use 2–60 lower-case letters, digits or dashes.");
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Country).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("Use the two-letter country code.");
            RuleFor(c => c.TransferSafeguard).NotEmpty().When(c => !Eea.Contains(c.Country ?? ""))
                .WithMessage("A recipient outside the EEA needs a transfer safeguard (adequacy decision, SCCs…).");
            RuleFor(c => c.ContactEmail).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.ContactEmail));
            RuleFor(c => c.Description).MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command c, CancellationToken cancellationToken)
        {
            var recipient = c.Id is { } id
                ? await db.Recipients.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Recipient")
                : null;
            if (recipient is null)
            {
                if (await db.Recipients.AnyAsync(r => r.Code == c.Code, cancellationToken))
                    throw new DomainException("register.code", "A recipient with this code already exists.");
                recipient = new Recipient { Code = c.Code };
                db.Recipients.Add(recipient);
            }
            var before = c.Id is null ? null : Register.RegisterChanges.Snapshot(recipient);
            recipient.Name = c.Name.Trim();
            recipient.Kind = c.Kind;
            recipient.Country = c.Country.Trim().ToUpperInvariant();
            recipient.TransferSafeguard = string.IsNullOrWhiteSpace(c.TransferSafeguard) ? null : c.TransferSafeguard.Trim();
            recipient.Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim();
            recipient.ContactEmail = string.IsNullOrWhiteSpace(c.ContactEmail) ? null : c.ContactEmail.Trim();
            db.AuditEvents.Add(Register.RegisterChanges.Audited(clock.GetUtcNow(), user.Actor, "register.recipient-saved", $"Recipient {recipient.Code} saved.",
                before, Register.RegisterChanges.Snapshot(recipient)));
            return recipient.Id;
        }
    }
}
