using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

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

public static class RevokeApiKey
{
    [RequiresRole(Roles.Admin)]
    public sealed record Command : ICommand
    {
        public Guid ApiKeyId { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, ApiKeyCache cache, AfterCommit afterCommit)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Dropped now and again after the commit, so no request in between re-caches the key as still valid.
            cache.Invalidate(command.ApiKeyId);
            afterCommit.Add(() => cache.Invalidate(command.ApiKeyId));
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.ApiKeyId, cancellationToken)
                ?? throw new NotFoundException("API key");
            if (key.RevokedAt is not null)
                return Unit.Value;
            var now = clock.GetUtcNow();
            key.RevokedAt = now;
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, "api-key.revoked", $"API key {key.Prefix} revoked."));
            return Unit.Value;
        }
    }
}

public static class ListApiKeys
{
    [RequiresRole(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ApiKeys.AsNoTracking()
                .OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name)
                .Select(k => new Item(k.Id, k.Name, k.Prefix, k.Role, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt))
                .ToListAsync(cancellationToken);
    }
}

/// <summary><c>create-api-key NAME --role ROLE</c>: logs go to stderr, the key alone on the last line of stdout.</summary>
public static class CreateApiKeyCommandLine
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? name = null;
        string? role = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length)
                role = args[++i];
            else if (args[i].StartsWith("--role=", StringComparison.Ordinal))
                role = args[i]["--role=".Length..];
            else if (name is null && !args[i].StartsWith("--", StringComparison.Ordinal))
                name = args[i];
            else
                return await UsageAsync();
        }
        if (name is null || role is null)
            return await UsageAsync();

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var mediator = services.GetRequiredService<IMediator>();
        try
        {
            var created = await mediator.Send(new CreateApiKey.Command { Name = name, Role = role });
            await output.WriteLineAsync($"Created API key '{created.Name}' (prefix {created.Prefix}, role {created.Role}). It is shown once: store it now.");
            await output.WriteLineAsync(created.Key);
            return 0;
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
                await Console.Error.WriteLineAsync($"create-api-key: {ApiJson.FieldName(error.PropertyName)}: {error.ErrorMessage}");
            return 1;
        }
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync($"usage: create-api-key NAME --role {string.Join('|', Roles.All)}");
        return 2;
    }
}
