using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Deadlines;

namespace PrivacyDesk.IntegrationTests.Deadlines;

/// <summary>
/// The app's holiday calendar (DL-10–DL-12) against the real override table, with the database reachable or not:
/// it refreshes in the background every five minutes, and a refresh that cannot read the table keeps the overrides it
/// has (it once fell back to the ten legal holidays for 30 s, which shifts every deadline an override touches).
/// </summary>
public sealed class HolidayCalendarProviderTests(AppFixture app) : IntegrationTest(app)
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2";

    // DL-12: a Royal Decree moves National Day 2027 (Wednesday 21 July) to Friday 23 July.
    private static readonly DateOnly LegalDate = new(2027, 7, 21);
    private static readonly DateOnly MovedTo = new(2027, 7, 23);

    [Fact]
    public async Task Should_keep_its_overrides_through_a_failed_refresh_and_take_changes_once_the_database_is_back_DL12()
    {
        await App.WithDbAsync(async db =>
        {
            db.HolidayOverrides.Add(new HolidayOverrideEntry { Year = 2027, Name = BelgianHolidayCalendar.NationalDay, MovedTo = MovedTo });
            await db.SaveChangesAsync();
            return 0;
        });
        var connection = App.ConnectionString;
        var clock = TestTime.Create();
        await using var services = new ServiceCollection()
            .AddDbContext<PrivacyDeskDbContext>(o => PrivacyDeskDbContext.Options(o, connection)) // read per scope: the test switches it
            .BuildServiceProvider();
        var calendar = new HolidayCalendarProvider(services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<HolidayCalendarProvider>.Instance);

        calendar.Warm();
        Assert.True(calendar.IsPublicHoliday(MovedTo));
        Assert.False(calendar.IsPublicHoliday(LegalDate));

        // The database goes away; five minutes later a refresh starts and fails: the override stays.
        connection = Unreachable;
        clock.Advance(HolidayCalendarProvider.RefreshInterval + TimeSpan.FromMinutes(1));
        _ = calendar.IsPublicHoliday(MovedTo);
        await calendar.RefreshTask;
        Assert.True(calendar.IsPublicHoliday(MovedTo));
        Assert.False(calendar.IsPublicHoliday(LegalDate));
        Assert.Single(calendar.Overrides);

        // Back, and the decree withdrawn: the next refresh (retried within a minute) reads the table again.
        connection = App.ConnectionString;
        await App.WithDbAsync(db => db.HolidayOverrides.ExecuteDeleteAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        _ = calendar.IsPublicHoliday(MovedTo);
        await calendar.RefreshTask;
        Assert.True(calendar.IsPublicHoliday(LegalDate));
        Assert.False(calendar.IsPublicHoliday(MovedTo));
        Assert.Empty(calendar.Overrides);
    }

    [Fact]
    public async Task Should_start_with_the_ten_legal_holidays_when_the_table_cannot_be_read_DL10()
    {
        await using var services = new ServiceCollection()
            .AddDbContext<PrivacyDeskDbContext>(o => PrivacyDeskDbContext.Options(o, Unreachable))
            .BuildServiceProvider();
        var calendar = new HolidayCalendarProvider(services.GetRequiredService<IServiceScopeFactory>(), TestTime.Create(), NullLogger<HolidayCalendarProvider>.Instance);

        calendar.Warm();

        Assert.True(calendar.IsPublicHoliday(LegalDate));
        Assert.Equal(10, calendar.HolidaysIn(2027).Count);
        Assert.Empty(calendar.Overrides);
    }
}
