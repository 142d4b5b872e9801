using System.Security.Claims;

namespace PrivacyDesk.Web.Infrastructure.Security;

/// <summary>
/// Reads the HTTP principal, unless a principal was set explicitly for this scope (admin commands,
/// background services, tests).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? _explicit;

    public ClaimsPrincipal Principal => _explicit ?? accessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string Actor => IsAuthenticated ? Principal.Identity!.Name ?? "unknown" : "candidate";

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public void ActAs(ClaimsPrincipal principal) => _explicit = principal;

    public void ActAsSystem(string name, params string[] roles) =>
        _explicit = SystemPrincipal(name, roles);

    public static ClaimsPrincipal SystemPrincipal(string name, params string[] roles)
    {
        var identity = new ClaimsIdentity("System", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return new ClaimsPrincipal(identity);
    }
}
