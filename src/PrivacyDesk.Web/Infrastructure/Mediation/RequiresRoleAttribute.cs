namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>
/// The roles allowed to send a request, checked against the current user or API key
/// (AuthorizationBehavior). Every request type declares this or [Public]; one with neither is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
