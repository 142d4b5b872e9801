using MediatR;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Marks a request that changes state: it runs in one transaction (TransactionBehavior).</summary>
public interface ICommandMarker;

public interface ICommand<out TResponse> : IRequest<TResponse>, ICommandMarker;

public interface ICommand : ICommand<Unit>;

/// <summary>
/// The roles allowed to send a request, checked against the current user or API key
/// (AuthorizationBehavior). Every request type declares this or [Public]; one with neither is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// Marks a request anyone may send (the candidate portal, which proves itself with a secret link instead of a
/// role). Declared explicitly so a forgotten [RequiresRole] fails closed instead of making a request public.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class PublicAttribute : Attribute;

/// <summary>Thrown when the current principal lacks the role a request requires.</summary>
public sealed class ForbiddenException(string requestName) : Exception($"Not allowed to send {requestName}.");

/// <summary>Thrown when an entity named by a request does not exist (404 in the API).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Thrown when an optimistic-concurrency check fails (409 in the API, a clear message on pages).</summary>
public sealed class ConflictException(string message) : Exception(message);
