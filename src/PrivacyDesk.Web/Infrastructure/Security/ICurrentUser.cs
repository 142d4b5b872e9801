using System.Security.Claims;

namespace PrivacyDesk.Web.Infrastructure.Security;

/// <summary>Who is acting: a staff member, an API key, the candidate (anonymous) or the system.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>Name written to the audit trail, e.g. "dpo@privacydesk.local" or "api:ATS".</summary>
    string Actor { get; }

    bool IsInRole(string role);
}
