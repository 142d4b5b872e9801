using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Logs the request type, its ids, the outcome and the duration — never field values.</summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> IdProperties = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).FullName?.Replace("PrivacyDesk.Web.", "", StringComparison.Ordinal) ?? typeof(TRequest).Name;
        var ids = DescribeIds(request!);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            LogHandled(logger, name, ids, "ok", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            // The exception type only: messages can quote input.
            LogHandled(logger, name, ids, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static string DescribeIds(object request)
    {
        var props = IdProperties.GetOrAdd(request.GetType(), t => t.GetProperties()
            .Where(p => (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)) && p.Name.EndsWith("Id", StringComparison.Ordinal))
            .ToArray());
        return props.Length == 0 ? "-" : string.Join(",", props.Select(p => $"{p.Name}={p.GetValue(request)}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {Request} [{Ids}] -> {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, string ids, string outcome, double elapsedMs);
}

/// <summary>
/// Checks [RequiresRole] on the request type against the current user or API key. Fails closed: a type that
/// declares neither [RequiresRole] nor [Public] is refused for everyone, so a forgotten attribute cannot open it.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly RequiresRoleAttribute? Requirement = typeof(TRequest).GetCustomAttribute<RequiresRoleAttribute>();
    private static readonly bool IsPublic = typeof(TRequest).GetCustomAttribute<PublicAttribute>() is not null;

    /// <summary>True when the type declares exactly one of [RequiresRole] (with at least one role) or [Public].</summary>
    private static bool DeclaresAccess => (Requirement is { Roles.Count: > 0 }) != IsPublic;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!DeclaresAccess)
            throw new ForbiddenException(typeof(TRequest).Name);
        if (Requirement is not null && !Requirement.Roles.Any(user.IsInRole))
            throw new ForbiddenException(typeof(TRequest).Name);
        return next();
    }
}

/// <summary>Runs the FluentValidation validators of the request; bad input never opens a transaction.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return await next();
    }
}

/// <summary>
/// Commands run in one ReadCommitted transaction: the handler's changes and their audit events are
/// saved and committed together, or not at all. Re-entrant: an open transaction is reused.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(PrivacyDeskDbContext db, AfterCommit afterCommit) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommandMarker || db.Database.CurrentTransaction is not null)
            return await next();

        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // All or nothing: a failed SaveChanges rolls the whole transaction back, so no savepoint round trip is needed.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var response = await next();
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            afterCommit.Run();
            return response;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var what = string.Join(", ", ex.Entries.Select(e => e.Metadata.ClrType.Name).Distinct());
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw new ConflictException($"Someone else changed this {Describe(what)} at the same time. Reload it to see their change; nothing of yours was saved.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw;
        }
    }

    private static string Describe(string entityTypes) => entityTypes switch
    {
        "DataSubjectRequest" => "request",
        "LegalHold" => "legal hold",
        "WorkTask" => "task",
        _ => "record (" + entityTypes + ")",
    };
}

/// <summary>
/// Work a command handler wants done only once its transaction has committed, e.g. dropping a cache of what it
/// changed (the holiday calendar). Runs after the commit of the outermost command; discarded on rollback.
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Action> _actions = [];

    public void Add(Action action) => _actions.Add(action);

    internal void Run()
    {
        var actions = _actions.ToList();
        _actions.Clear();
        foreach (var action in actions)
            action();
    }

    internal void Discard() => _actions.Clear();
}

public static class MediatorRegistration
{
    /// <summary>MediatR 5.1.0 has no DI package here (platform.md): register by hand. First behaviour = outermost.</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<AfterCommit>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddScoped(handler, type);
            foreach (var handler in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)))
                services.AddScoped(handler, type);
        }
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Telemetry.TracingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        // A validator builds its rule tree (expression parsing) in its constructor: build it once when it depends
        // on nothing per request, instead of once per command.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, r => IsStateless(r.ValidatorType), includeInternalTypes: false);
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, r => !IsStateless(r.ValidatorType), includeInternalTypes: false);
        return services;
    }

    // Localizers read the culture when a message is formatted, and a scope factory gives each use its own scope:
    // neither ties a validator to one request.
    private static readonly Type[] SingletonDependencies = [typeof(TimeProvider), typeof(RulesConfiguration), typeof(IServiceScopeFactory)];

    internal static bool IsStateless(Type validator) =>
        validator.GetConstructors().All(c => c.GetParameters().All(p => SingletonDependencies.Contains(p.ParameterType)
            || (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Localization.IStringLocalizer<>))));
}
