using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.UnitTests.Deadlines;

public class IsoPeriodTests
{
    [Theory]
    [InlineData("P5Y", 5, 0, 0, 60)]
    [InlineData("P1Y", 1, 0, 0, 12)]
    [InlineData("P24M", 0, 24, 0, 24)]
    [InlineData("P3Y", 3, 0, 0, 36)]
    [InlineData("P1Y6M", 1, 6, 0, 18)]
    [InlineData("P0D", 0, 0, 0, 0)]
    [InlineData("P6M", 0, 6, 0, 6)]
    [InlineData("P10Y", 10, 0, 0, 120)]
    [InlineData("P2Y", 2, 0, 0, 24)]
    [InlineData("P30D", 0, 0, 30, 0)]
    [InlineData("P40Y", 40, 0, 0, 480)]
    [InlineData("P1Y2M3D", 1, 2, 3, 14)]
    public void Parse_accepts_years_months_days_and_round_trips(string text, int years, int months, int days, int totalMonths)
    {
        var period = IsoPeriod.Parse(text);

        Assert.Equal(new IsoPeriod(years, months, days), period);
        Assert.Equal(totalMonths, period.TotalMonths);
        Assert.Equal(text, period.ToString());
        Assert.True(IsoPeriod.TryParse(text, out var again));
        Assert.Equal(period, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("P")]
    [InlineData("5Y")]
    [InlineData("p5y")]
    [InlineData("P5y")]
    [InlineData("P1W")]
    [InlineData("PT1H")]
    [InlineData("P1YT2H")]
    [InlineData("P-1Y")]
    [InlineData("-P1Y")]
    [InlineData("+P1Y")]
    [InlineData("P1.5Y")]
    [InlineData("P1,5Y")]
    [InlineData("P1M1Y")]
    [InlineData("P1Y1Y")]
    [InlineData("P1D1M")]
    [InlineData("PY")]
    [InlineData("P5")]
    [InlineData("P5Y ")]
    [InlineData(" P5Y")]
    [InlineData("P99999999999Y")]
    [InlineData("P200000000Y")]
    [InlineData("garbage")]
    [InlineData(null)]
    public void TryParse_rejects_weeks_time_negatives_and_garbage(string? text)
    {
        Assert.False(IsoPeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => IsoPeriod.Parse(text));
        }
    }

    [Fact]
    public void ToString_is_canonical()
    {
        Assert.Equal("P0D", default(IsoPeriod).ToString());
        Assert.Equal("P0D", IsoPeriod.Parse("P0Y0M0D").ToString());
        Assert.Equal("P1Y6M", new IsoPeriod(1, 6, 0).ToString());
        Assert.Equal("P24M", IsoPeriod.Parse("P24M").ToString()); // not normalised to P2Y
    }
}
