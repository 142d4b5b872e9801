using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>An API key for another system; only its hash is stored, acting with one role.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Ids.New();
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
