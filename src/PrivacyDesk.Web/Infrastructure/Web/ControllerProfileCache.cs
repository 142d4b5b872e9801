using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>The controller and DPO shown on every public page; re-read at most once a minute.</summary>
public sealed class ControllerProfileCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    private (ControllerProfile? Profile, DateTimeOffset LoadedAt) _entry;

    public async Task<ControllerProfile?> GetAsync()
    {
        var entry = _entry;
        if (entry.Profile is not null && clock.GetUtcNow() - entry.LoadedAt < TimeSpan.FromMinutes(1))
            return entry.Profile;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        try
        {
            var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync();
            _entry = (profile, clock.GetUtcNow());
            return profile;
        }
        catch (Exception ex) when (Database.DatabaseUnavailable.Is(ex))
        {
            // Issue 8: the layout (and so the friendly 503 page) must render while the database is down: last known profile, or none.
            return entry.Profile;
        }
    }

    public void Invalidate() => _entry = default;
}
