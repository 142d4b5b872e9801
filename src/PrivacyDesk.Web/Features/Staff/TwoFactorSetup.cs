using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Optional TOTP two-factor for the signed-in staff member (any staff role).</summary>
public static class TwoFactorSetup
{
    [RequiresRole(Roles.Dpo, Roles.BackOffice, Roles.Admin)]
    public sealed record StatusQuery : IRequest<Status>;

    public sealed record Status(bool Enabled, string SharedKey, string AuthenticatorUri, int RecoveryCodesLeft);

    public sealed class StatusHandler(UserManager<StaffUser> users, ICurrentUser current) : IRequestHandler<StatusQuery, Status>
    {
        public async Task<Status> Handle(StatusQuery query, CancellationToken cancellationToken)
        {
            var user = await users.FindByNameAsync(current.Actor) ?? throw new NotFoundException("Staff account");
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            }
            var uri = $"otpauth://totp/PrivacyDesk:{Uri.EscapeDataString(user.Email ?? user.UserName!)}?secret={key}&issuer=PrivacyDesk&digits=6";
            return new Status(user.TwoFactorEnabled, key, uri, await users.CountRecoveryCodesAsync(user));
        }
    }

    [RequiresRole(Roles.Dpo, Roles.BackOffice, Roles.Admin)]
    public sealed record Enable : ICommand<IReadOnlyList<string>>
    {
        public string Code { get; init; } = "";
    }

    public sealed class EnableValidator : AbstractValidator<Enable>
    {
        public EnableValidator() => RuleFor(c => c.Code).NotEmpty().Matches("^[0-9 ]{6,8}$").WithMessage("Enter the 6-digit code from the app.");
    }

    public sealed class EnableHandler(UserManager<StaffUser> users, ICurrentUser current, PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Enable, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(Enable command, CancellationToken cancellationToken)
        {
            var user = await users.FindByNameAsync(current.Actor) ?? throw new NotFoundException("Staff account");
            var ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, command.Code.Replace(" ", "", StringComparison.Ordinal));
            if (!ok)
                throw new DomainException("2fa.code", "The code is not valid. Check the time on your phone and try again.");
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), current.Actor, "staff.2fa-enabled", "Two-factor authentication enabled."));
            return codes;
        }
    }

    [RequiresRole(Roles.Dpo, Roles.BackOffice, Roles.Admin)]
    public sealed record Disable : ICommand<Unit>;

    public sealed class DisableHandler(UserManager<StaffUser> users, ICurrentUser current, PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Disable, Unit>
    {
        public async Task<Unit> Handle(Disable command, CancellationToken cancellationToken)
        {
            var user = await users.FindByNameAsync(current.Actor) ?? throw new NotFoundException("Staff account");
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), current.Actor, "staff.2fa-disabled", "Two-factor authentication disabled."));
            return Unit.Value;
        }
    }

    [RequiresRole(Roles.Dpo, Roles.BackOffice, Roles.Admin)]
    public sealed record NewRecoveryCodes : ICommand<IReadOnlyList<string>>;

    public sealed class NewRecoveryCodesHandler(UserManager<StaffUser> users, ICurrentUser current) : IRequestHandler<NewRecoveryCodes, IReadOnlyList<string>>
    {
        public async Task<IReadOnlyList<string>> Handle(NewRecoveryCodes command, CancellationToken cancellationToken)
        {
            var user = await users.FindByNameAsync(current.Actor) ?? throw new NotFoundException("Staff account");
            if (!user.TwoFactorEnabled)
                throw new DomainException("2fa.off", "Enable two-factor authentication first.");
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        }
    }
}
