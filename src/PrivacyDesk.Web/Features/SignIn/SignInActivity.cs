using System.Text.Json;

namespace PrivacyDesk.Web.Features.SignIn;

/// <summary>What the Admin sees of staff sign-in trouble: accounts paused now, and the failures and pauses of the last days.</summary>
public static class SignInActivity
{
    public const int Days = 14;

    public const int MaxEvents = 200;

    [RequiresRole(Roles.Admin)]
    public sealed record Query : IRequest<Result>;

    /// <summary>An audited failure or pause; Account is null for an unknown account (nothing about it is kept).</summary>
    public sealed record Event(DateTimeOffset At, string Type, string? Account);

    public sealed record PausedAccount(string Account, int Failures, DateTimeOffset Until);

    public sealed record Result(IReadOnlyList<PausedAccount> Paused, IReadOnlyList<Event> Events, int UnknownAccountFailures);

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var since = now.AddDays(-Days);
            var paused = await db.Users.AsNoTracking()
                .Where(u => u.LockoutEnd != null && u.LockoutEnd > now && u.AccessFailedCount > 0)
                .OrderBy(u => u.Email)
                .Select(u => new PausedAccount(u.Email ?? u.UserName ?? u.Id.ToString(), u.AccessFailedCount, u.LockoutEnd!.Value))
                .ToListAsync(cancellationToken);
            var rows = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Actor == SignInGuard.Actor && e.OccurredAt >= since)
                .OrderByDescending(e => e.Sequence)
                .Take(MaxEvents)
                .Select(e => new { e.OccurredAt, e.Type, e.Data })
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => AccountOf(r.Data)).OfType<Guid>().Distinct().ToList();
            var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id.ToString(), cancellationToken);
            var events = rows.Select(r => new Event(r.OccurredAt, r.Type,
                AccountOf(r.Data) is { } id ? emails.GetValueOrDefault(id, id.ToString()) : null)).ToList();
            return new Result(paused, events, events.Count(e => e.Account is null && e.Type == SignInGuard.FailedEvent));
        }

        private static Guid? AccountOf(string? data)
        {
            if (string.IsNullOrEmpty(data))
                return null;
            using var json = JsonDocument.Parse(data);
            return json.RootElement.TryGetProperty("account", out var account) && account.TryGetGuid(out var id) ? id : null;
        }
    }
}
