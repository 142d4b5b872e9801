using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>The controller and DPO shown on every public page; re-read at most once a minute.</summary>
public sealed class ControllerProfileCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    private (ControllerProfile? Profile, DateTimeOffset LoadedAt) _entry;

    /// <summary>For pages and anything that holds no database connection of its own: a miss reads through a scope of its own.</summary>
    public Task<ControllerProfile?> GetAsync() => GetCoreAsync(null);

    /// <summary>
    /// For handlers inside a transaction: a miss reads through the caller's context, on the connection it already holds.
    /// Taking a second pooled connection there deadlocks a small pool under load: every request holds one and waits for
    /// another (seen in the issue-8 intake bench with a 16-connection pool).
    /// </summary>
    public Task<ControllerProfile?> GetAsync(PrivacyDeskDbContext db) => GetCoreAsync(db);

    private async Task<ControllerProfile?> GetCoreAsync(PrivacyDeskDbContext? db)
    {
        var entry = _entry;
        if (entry.Profile is not null && clock.GetUtcNow() - entry.LoadedAt < TimeSpan.FromMinutes(1))
            return entry.Profile;
        AsyncServiceScope? scope = db is null ? scopes.CreateAsyncScope() : null;
        try
        {
            var context = db ?? scope!.Value.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
            var profile = await context.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync();
            _entry = (profile, clock.GetUtcNow());
            return profile;
        }
        catch (Exception ex) when (db is null && Database.DatabaseUnavailable.Is(ex))
        {
            // The layout (and so the friendly 503 page) must render while the database is down: last known profile, or none.
            return entry.Profile;
        }
        finally
        {
            if (scope is { } s)
                await s.DisposeAsync();
        }
    }

    public void Invalidate() => _entry = default;
}
