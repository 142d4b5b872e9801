using PrivacyDesk.Domain.Deadlines;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

public class WorkingDaysTests
{
    private static readonly BelgianHolidayCalendar Calendar = BelgianHolidayCalendar.Default;

    [Theory]
    [InlineData("2026-04-05", "2026-04-07")] // Easter Sunday, Easter Monday
    [InlineData("2026-04-07", "2026-04-07")] // already a working day
    [InlineData("2027-12-25", "2027-12-27")] // DL-11: holiday on a weekend gives no extra day
    [InlineData("2028-04-29", "2028-05-02")] // Saturday, Sunday, Labour Day
    public void RollForward_DL_9(string date, string expected)
    {
        Assert.Equal(D(expected), WorkingDays.RollForward(D(date), Calendar));
    }

    [Theory]
    [InlineData("2026-04-03", 1, "2026-04-07")]   // Good Friday is working; next skips weekend + Easter Monday
    [InlineData("2026-04-30", 1, "2026-05-04")]   // over Labour Day and the weekend
    [InlineData("2026-05-04", -2, "2026-04-29")]  // CLK-6 postal lead: back over weekend and 1 May
    [InlineData("2026-03-02", 5, "2026-03-09")]
    [InlineData("2026-03-07", 0, "2026-03-07")]
    public void AddWorkingDays(string from, int days, string expected)
    {
        Assert.Equal(D(expected), WorkingDays.AddWorkingDays(D(from), days, Calendar));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-04", 2)]  // W1: in time
    [InlineData("2026-03-02", "2026-03-13", 9)]  // W4: too late
    [InlineData("2027-01-31", "2027-02-08", 6)]  // W2 clarification counted from receipt
    [InlineData("2027-02-05", "2027-02-08", 1)]  // … and from the identity reply
    [InlineData("2026-03-02", "2026-03-02", 0)]
    [InlineData("2026-03-02", "2026-03-01", 0)]
    [InlineData("2026-04-02", "2026-04-07", 2)]  // Fri 3rd counts, weekend + Easter Monday do not
    public void CountWorkingDaysAfter_CLK_2_2(string from, string to, int expected)
    {
        Assert.Equal(expected, WorkingDays.CountWorkingDaysAfter(D(from), D(to), Calendar));
    }
}
