using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PrivacyDesk.Domain.Deadlines;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

public class BrusselsTimeTests
{
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-31T22:30:00Z", "2026-04-01")] // §1.9: summer time, UTC+2
    [InlineData("2026-03-31T21:59:59Z", "2026-03-31")]
    [InlineData("2026-01-15T23:30:00Z", "2026-01-16")] // winter time, UTC+1
    [InlineData("2026-01-15T22:59:59Z", "2026-01-15")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01-01")]
    public void ToBrusselsDate_section_0_3(string instant, string expected)
    {
        Assert.Equal(D(expected), BrusselsTime.ToBrusselsDate(T(instant)));
    }

    [Fact]
    public void Today_uses_the_Brussels_date_of_the_clock()
    {
        Assert.Equal(D("2026-04-01"), BrusselsTime.Today(new FakeTimeProvider(T("2026-03-31T22:30:00Z"))));
    }

    [Fact]
    public void EndOfDay_is_last_tick_of_the_day_in_Brussels()
    {
        var summer = BrusselsTime.EndOfDay(D("2026-05-04"));
        var winter = BrusselsTime.EndOfDay(D("2026-12-28"));

        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
        Assert.Equal(new DateTime(2026, 5, 4, 21, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), summer.UtcDateTime);
        Assert.Equal(TimeSpan.FromHours(1), winter.Offset);
        Assert.Equal(new DateTime(2026, 12, 28, 22, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), winter.UtcDateTime);
    }
}
