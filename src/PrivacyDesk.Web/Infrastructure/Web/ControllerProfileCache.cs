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
        var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync();
        _entry = (profile, clock.GetUtcNow());
        return profile;
    }

    public void Invalidate() => _entry = default;
}
