using System.Collections.Concurrent;

namespace PrivacyDesk.Web.Infrastructure.Security;

/// <summary>
/// Keys verified in the last <see cref="Lifetime"/> (30 s), by the SHA-256 hash of the presented key, so a busy
/// integration does not cost a database read per call. Only verified keys are kept (a wrong key always goes to
/// the database). Revoking a key removes it at once on this instance (<see cref="Invalidate"/>, after the revoke
/// commits); another instance sharing the database honours the revocation within <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public sealed record Entry(Guid Id, string Name, string Role, string KeyHash, DateTimeOffset VerifiedAt)
    {
        /// <summary>When this instance last wrote last_used_at (throttled to once every 5 minutes).</summary>
        public DateTimeOffset? LastUsedWritten { get; set; }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Entry? Find(string keyHash)
    {
        if (!_entries.TryGetValue(keyHash, out var entry))
            return null;
        if (clock.GetUtcNow() - entry.VerifiedAt < Lifetime)
            return entry;
        _entries.TryRemove(new KeyValuePair<string, Entry>(keyHash, entry));
        return null;
    }

    public void Add(Entry entry) => _entries[entry.KeyHash] = entry;

    public void Invalidate(Guid apiKeyId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Id == apiKeyId)
                _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        }
    }

    public void Clear() => _entries.Clear();

    public int Count => _entries.Count;
}
