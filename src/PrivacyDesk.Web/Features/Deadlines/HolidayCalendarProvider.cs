using System.Data.Common;
using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Web.Features.Deadlines;

/// <summary>
/// The app's <see cref="IHolidayCalendar"/> (DL-10–DL-12, §8 HOLIDAY_CALENDAR): the ten Belgian legal holidays
/// plus the Royal-Decree overrides stored in <c>holiday_overrides</c>. A singleton holding an immutable calendar:
/// loaded on first use, reloaded after an override command commits (<see cref="Invalidate"/>) and in the background
/// once <see cref="RefreshInterval"/> has passed since the last load, so another instance's change is seen too.
/// A new calendar changes the deadlines of new computations only; stored deadlines of open requests change
/// only when the DPO recomputes them (§1.9, RecomputeDeadlines).
/// </summary>
public sealed partial class HolidayCalendarProvider(IServiceScopeFactory scopes, TimeProvider clock, ILogger<HolidayCalendarProvider> logger) : IHolidayCalendar
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private volatile Snapshot? _snapshot;

    public bool IsPublicHoliday(DateOnly date) => Current.IsPublicHoliday(date);

    public IReadOnlyList<Holiday> HolidaysIn(int year) => Current.HolidaysIn(year);

    /// <summary>The overrides the current calendar was built from.</summary>
    public IReadOnlyList<HolidayOverride> Overrides => CurrentSnapshot.Overrides;

    /// <summary>Forget the loaded calendar; the next use reads the table again (committed data only).</summary>
    public void Invalidate()
    {
        lock (_gate)
            _snapshot = null;
    }

    /// <summary>
    /// Reads the calendar now, at start-up: requests compute deadlines inside their transaction, holding a pooled
    /// connection, so the first read must not happen there (with every connection so held it would wait for another).
    /// </summary>
    public void Warm() => _ = CurrentSnapshot;

    /// <summary>Reloads now through the given context (inside its transaction, if any).</summary>
    public async Task ReloadAsync(PrivacyDeskDbContext db, CancellationToken ct)
    {
        var rows = await db.HolidayOverrides.AsNoTracking().OrderBy(h => h.Year).ThenBy(h => h.Name).ToListAsync(ct);
        _snapshot = Build(rows.Select(r => new HolidayOverride(r.Year, r.Name, r.MovedTo)).ToList(), RefreshInterval);
    }

    private BelgianHolidayCalendar Current => CurrentSnapshot.Calendar;

    /// <summary>
    /// A stale calendar is served while ONE background refresh reads the table: the callers are often inside a
    /// transaction holding a pooled connection, and making each of them wait for a second connection deadlocked
    /// a small pool under load for the pool's 15-second timeout (intake bench, 64 clients, docs/performance.md). Only the first
    /// use (<see cref="Warm"/> at start-up), and the first after <see cref="Invalidate"/>, read synchronously.
    /// </summary>
    private Snapshot CurrentSnapshot
    {
        get
        {
            var s = _snapshot;
            if (s is not null)
            {
                if (clock.GetUtcNow() - s.LoadedAt > s.Lifetime && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
                    RefreshTask = Task.Run(RefreshInBackground);
                return s;
            }
            lock (_gate)
            {
                s = _snapshot;
                if (s is not null)
                    return s;
                s = Load(null);
                _snapshot = s;
                return s;
            }
        }
    }

    private int _refreshing;

    /// <summary>The latest background refresh (tests wait for it).</summary>
    internal Task RefreshTask { get; private set; } = Task.CompletedTask;

    private void RefreshInBackground()
    {
        try
        {
            var stale = _snapshot;
            var fresh = Load(stale);
            // An Invalidate() or reload meanwhile wins: only the calendar this refresh replaces is replaced.
            lock (_gate)
            {
                if (ReferenceEquals(_snapshot, stale) && stale is not null)
                    _snapshot = fresh;
            }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <param name="previous">The calendar in use, kept (with its overrides) when the table cannot be read now.</param>
    private Snapshot Load(Snapshot? previous)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
            var rows = db.HolidayOverrides.AsNoTracking().Select(h => new HolidayOverride(h.Year, h.Name, h.MovedTo)).ToList();
            return Build(rows, RefreshInterval);
        }
        catch (Exception ex) when (ex is DbException || Infrastructure.Database.DatabaseUnavailable.Is(ex)) // EF wraps a refused connection
        {
            // No database (yet): keep the calendar in use (at first, the statutory holidays) and try again shortly
            // rather than failing a deadline. Dropping known overrides would shift deadlines for a passing outage.
            LogLoadFailed(logger, ex.GetType().Name);
            var kept = previous ?? new Snapshot(BelgianHolidayCalendar.Default, [], default, default);
            return kept with { LoadedAt = clock.GetUtcNow(), Lifetime = RetryAfterFailure };
        }
    }

    private Snapshot Build(IReadOnlyList<HolidayOverride> overrides, TimeSpan lifetime)
    {
        try
        {
            return new Snapshot(new BelgianHolidayCalendar(overrides), overrides, clock.GetUtcNow(), lifetime);
        }
        catch (ArgumentException ex)
        {
            // A row written around the commands (by hand in SQL) that DL-12 forbids is ignored, loudly.
            LogInvalidOverrides(logger, ex.Message);
            var valid = overrides.Where(o => BelgianHolidayCalendar.IsLegalHolidayName(o.Name) && (o.MovedTo is null || o.MovedTo.Value.Year == o.Year))
                .DistinctBy(o => (o.Year, o.Name)).ToList();
            return new Snapshot(new BelgianHolidayCalendar(valid), valid, clock.GetUtcNow(), lifetime);
        }
    }

    private sealed record Snapshot(BelgianHolidayCalendar Calendar, IReadOnlyList<HolidayOverride> Overrides, DateTimeOffset LoadedAt, TimeSpan Lifetime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holiday overrides could not be loaded ({Error}); the calendar in use (at first, the ten legal holidays) stays for now.")]
    private static partial void LogLoadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The holiday override table holds rows DL-12 does not allow; they are ignored: {Problem}")]
    private static partial void LogInvalidOverrides(ILogger logger, string problem);
}
