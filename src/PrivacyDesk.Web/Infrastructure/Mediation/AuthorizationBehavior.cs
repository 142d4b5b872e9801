using System.Collections.Concurrent;
using System.Reflection;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

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
