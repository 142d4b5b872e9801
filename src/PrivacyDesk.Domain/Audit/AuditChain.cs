using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyDesk.Domain.Audit;

/// <summary>
/// The tamper-evident audit trail (product.md §7, LH-8): each event's hash is SHA-256 over the previous
/// event's hash and the event's canonical fields, so editing, deleting or reordering a sealed event
/// breaks every later link. Data (the redactable JSON detail, RET-12) is deliberately outside the hash:
/// minimising a case file must not break the chain.
/// </summary>
public static class AuditChain
{
    public sealed record Fields(long Sequence, DateTimeOffset OccurredAt, string Actor, string Type, string Summary,
        Guid? RequestId, Guid? CandidateId, Guid? LegalHoldId);

    public static string Hash(string? previousHash, Fields e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder(256);
        Append(sb, previousHash ?? "");
        Append(sb, e.Sequence.ToString(CultureInfo.InvariantCulture));
        // PostgreSQL keeps microseconds: the canonical form uses exactly that precision, in UTC.
        var ticks = e.OccurredAt.UtcTicks - (e.OccurredAt.UtcTicks % 10);
        Append(sb, new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(sb, e.Actor);
        Append(sb, e.Type);
        Append(sb, e.Summary);
        Append(sb, e.RequestId?.ToString("D") ?? "");
        Append(sb, e.CandidateId?.ToString("D") ?? "");
        Append(sb, e.LegalHoldId?.ToString("D") ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    // Length-prefixed fields: no two different events share a canonical text.
    private static void Append(StringBuilder sb, string value) =>
        sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
}
