using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Keeps a staff member's language choice on their account (the cookie only reaches their own browser): e-mails
/// a colleague or a background job queues for them are then written in their language.
/// </summary>
public static class SaveStaffLanguage
{
    [RequiresRole(Roles.Dpo, Roles.BackOffice, Roles.Admin)]
    public sealed record Command : ICommand
    {
        public string Language { get; init; } = "nl";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Language).Must(l => l is "nl" or "fr" or "en");
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var staff = await db.Users.FirstOrDefaultAsync(u => u.UserName == user.Actor, cancellationToken);
            if (staff is not null)
                Apply(db, staff, command.Language, clock.GetUtcNow());
            return Unit.Value;
        }
    }

    /// <summary>Sets the language (audited) when it changes; also used on sign-in for a choice made before signing in.</summary>
    public static void Apply(PrivacyDeskDbContext db, StaffUser staff, string language, DateTimeOffset now)
    {
        if (staff.Language == language || language is not ("nl" or "fr" or "en"))
            return;
        staff.Language = language;
        db.AuditEvents.Add(new AuditEvent(now, staff.UserName ?? "unknown", "staff.language-set", $"Language set to {language}."));
    }
}
