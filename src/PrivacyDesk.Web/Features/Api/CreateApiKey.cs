using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>API keys for other systems: created by an Admin (page or CLI), shown once, stored hashed, revocable.</summary>
public static class CreateApiKey
{
    [RequiresRole(Roles.Admin)]
    public sealed record Command : ICommand<Result>
    {
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
    }

    /// <summary><see cref="Key"/> is the only time the secret exists outside the caller's hands.</summary>
    public sealed record Result(Guid Id, string Name, string Role, string Prefix, string Key);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
                .WithMessage("Use letters, digits, spaces, dots, dashes or underscores.");
            RuleFor(c => c.Role).Must(r => Roles.All.Contains(r, StringComparer.Ordinal))
                .WithMessage($"The role must be one of {string.Join(", ", Roles.All)}.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var name = command.Name.Trim();
            if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
                throw new DomainException("api-key.name-taken", "An active API key already has this name; revoke it first or choose another name.");
            var (key, prefix, hash) = ApiKeyAuthenticationHandler.Generate();
            var now = clock.GetUtcNow();
            var apiKey = new ApiKey { Name = name, Role = command.Role, Prefix = prefix, KeyHash = hash, CreatedAt = now, CreatedBy = user.Actor };
            db.ApiKeys.Add(apiKey);
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "api-key.created", $"API key {prefix} created with role {command.Role}."));
            return new Result(apiKey.Id, name, command.Role, prefix, key);
        }
    }
}
