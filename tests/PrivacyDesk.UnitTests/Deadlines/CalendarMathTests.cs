using PrivacyDesk.Domain.Deadlines;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

public class CalendarMathTests
{
    [Theory]
    [InlineData("DL-8 clamp only when the day does not exist", "2027-02-28", 1, "2027-03-28")]
    [InlineData("DL-8 31 Jan non-leap", "2027-01-31", 1, "2027-02-28")]
    [InlineData("DL-8 31 Jan leap", "2028-01-31", 1, "2028-02-29")]
    [InlineData("DL-8 30 Jan non-leap", "2027-01-30", 1, "2027-02-28")]
    [InlineData("DL-8 29 Jan non-leap", "2027-01-29", 1, "2027-02-28")]
    [InlineData("DL-8 30 Jan leap", "2028-01-30", 1, "2028-02-29")]
    [InlineData("DL-8 29 Jan leap", "2028-01-29", 1, "2028-02-29")]
    [InlineData("DL-8 one step 3 months", "2027-01-31", 3, "2027-04-30")]
    [InlineData("EDPB Ex. 32", "2027-03-05", 1, "2027-04-05")]
    [InlineData("EDPB Ex. 33", "2026-08-31", 1, "2026-09-30")]
    [InlineData("DL-7 year roll-over", "2026-12-31", 1, "2027-01-31")]
    [InlineData("DL-7 across two years", "2026-11-30", 15, "2028-02-29")]
    [InlineData("DL-7 zero", "2026-05-31", 0, "2026-05-31")]
    [InlineData("DL-7 negative", "2027-03-31", -1, "2027-02-28")]
    [InlineData("DL-7 negative across year", "2027-01-15", -13, "2025-12-15")]
    public void AddMonths_DL_7(string rule, string from, int months, string expected)
    {
        Assert.True(D(expected) == CalendarMath.AddMonths(D(from), months), rule);
    }

    [Fact]
    public void DL_8_one_step_differs_from_two_step_for_31_january_2027()
    {
        var r = D("2027-01-31");
        Assert.Equal(D("2027-04-30"), CalendarMath.AddMonths(r, 3));
        Assert.Equal(D("2027-04-28"), CalendarMath.AddMonths(CalendarMath.AddMonths(r, 1), 2));
    }

    [Fact]
    public void DL_8_month_is_never_30_days_nor_same_date_minus_one()
    {
        var r = D("2027-03-05");
        var due = CalendarMath.AddMonths(r, 1);
        Assert.NotEqual(r.AddDays(30), due);
        Assert.NotEqual(r.AddDays(28), due);
        Assert.NotEqual(D("2027-04-04"), due);
        Assert.Equal(D("2027-04-05"), due);
    }

    [Theory]
    [InlineData("RET-4 P1Y6M is 18 months in one step", "2027-08-31", "P1Y6M", "2029-02-28")]
    [InlineData("RET-4 leap day + P1Y", "2028-02-29", "P1Y", "2029-02-28")]
    [InlineData("RET-4 leap day + P4Y", "2028-02-29", "P4Y", "2032-02-29")]
    [InlineData("RET-4 P6M clamps to leap day", "2027-08-31", "P6M", "2028-02-29")]
    [InlineData("RET-4 P24M", "2026-01-31", "P24M", "2028-01-31")]
    [InlineData("RET-4 days after months", "2027-01-31", "P1M1D", "2027-03-01")]
    [InlineData("RET-4 P30D", "2026-01-31", "P30D", "2026-03-02")]
    [InlineData("RET-4 P0D", "2026-05-10", "P0D", "2026-05-10")]
    public void AddPeriod_RET_4(string rule, string from, string period, string expected)
    {
        Assert.True(D(expected) == CalendarMath.AddPeriod(D(from), IsoPeriod.Parse(period)), rule);
    }

    [Fact]
    public void AddPeriod_RET_4_years_and_months_are_not_added_separately()
    {
        // 2028-02-29 + P1Y1M: one step of 13 months = 2029-03-29; adding the year first would clamp to
        // 2029-02-28 and give 2029-03-28.
        Assert.Equal(D("2029-03-29"), CalendarMath.AddPeriod(D("2028-02-29"), new IsoPeriod(1, 1, 0)));
    }

    [Fact]
    public void AddPeriod_rejects_negative_components()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarMath.AddPeriod(D("2026-01-01"), new IsoPeriod(0, -1, 0)));
    }
}
