using PrivacyDesk.Domain.Deadlines;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

public class HolidayCalendarTests
{
    private static readonly BelgianHolidayCalendar Calendar = BelgianHolidayCalendar.Default;

    // §1.4 reference table: Easter Monday, Ascension, Whit Monday, then weekdays of
    // 1 Jan / 1 May / 21 Jul / 15 Aug / 1 Nov / 11 Nov / 25 Dec. 2030 computed (Easter Sunday 2030-04-21).
    [Theory]
    [InlineData(2025, "04-21", "05-29", "06-09", "Wed/Thu/Mon/Fri/Sat/Tue/Thu")]
    [InlineData(2026, "04-06", "05-14", "05-25", "Thu/Fri/Tue/Sat/Sun/Wed/Fri")]
    [InlineData(2027, "03-29", "05-06", "05-17", "Fri/Sat/Wed/Sun/Mon/Thu/Sat")]
    [InlineData(2028, "04-17", "05-25", "06-05", "Sat/Mon/Fri/Tue/Wed/Sat/Mon")]
    [InlineData(2029, "04-02", "05-10", "05-21", "Mon/Tue/Sat/Wed/Thu/Sun/Tue")]
    [InlineData(2030, "04-22", "05-30", "06-10", "Tue/Wed/Sun/Thu/Fri/Mon/Wed")]
    public void DL_10_reference_table(int year, string easterMonday, string ascension, string whitMonday, string fixedWeekdays)
    {
        var fixedDates = new[] { "01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25" };
        var expected = fixedDates.Concat([easterMonday, ascension, whitMonday])
            .Select(md => D($"{year}-{md}"))
            .Order()
            .ToList();

        var holidays = Calendar.HolidaysIn(year);

        Assert.Equal(10, holidays.Count);
        Assert.Equal(expected, holidays.Select(h => h.Date).ToList());
        Assert.All(expected, d => Assert.True(Calendar.IsPublicHoliday(d), d.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));

        var weekdays = fixedDates.Select(md => D($"{year}-{md}").DayOfWeek.ToString()[..3]);
        Assert.Equal(fixedWeekdays, string.Join('/', weekdays));

        Assert.Equal(DayOfWeek.Monday, D($"{year}-{easterMonday}").DayOfWeek);
        Assert.Equal(DayOfWeek.Thursday, D($"{year}-{ascension}").DayOfWeek);
        Assert.Equal(DayOfWeek.Monday, D($"{year}-{whitMonday}").DayOfWeek);
    }

    [Fact]
    public void DL_10_names_of_2026()
    {
        var names = Calendar.HolidaysIn(2026).Select(h => h.Name).ToList();
        Assert.Equal(
            ["New Year's Day", "Easter Monday", "Labour Day", "Ascension Day", "Whit Monday",
             "National Day", "Assumption", "All Saints' Day", "Armistice Day", "Christmas Day"],
            names);
    }

    [Theory]
    [InlineData(1961, "1961-04-02")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2038, "2038-04-25")] // latest possible date
    [InlineData(2285, "2285-03-22")] // earliest possible date
    public void Easter_Sunday_Meeus_Jones_Butcher(int year, string expected)
    {
        Assert.Equal(D(expected), BelgianHolidayCalendar.EasterSunday(year));
    }

    [Theory]
    [InlineData("2025-12-26", "26 December")]
    [InlineData("2026-04-03", "Good Friday")]
    [InlineData("2025-07-11", "Flemish community holiday")]
    [InlineData("2027-09-27", "French-speaking community holiday")]
    [InlineData("2027-11-15", "German-speaking community holiday")]
    [InlineData("2026-08-17", "replacement day for 15 August 2026 (Saturday)")]
    [InlineData("2026-11-02", "replacement day for 1 November 2026 (Sunday)")]
    public void DL_11_not_public_holidays_are_working_days(string date, string what)
    {
        var d = D(date);
        Assert.NotEqual(DayOfWeek.Saturday, d.DayOfWeek);
        Assert.NotEqual(DayOfWeek.Sunday, d.DayOfWeek);
        Assert.False(Calendar.IsPublicHoliday(d), what);
        Assert.False(WorkingDays.IsNonWorking(d, Calendar), what);
    }

    [Fact]
    public void DL_12_removing_a_holiday_changes_the_deadline()
    {
        // E22: 2026-05-14 is Ascension → due 05-15. Without it, due 05-14.
        var calendar = new BelgianHolidayCalendar([new HolidayOverride(2026, "Ascension Day", null)]);
        var result = new DeadlineCalculator(calendar, ClockSettings.Default).Compute(D("2026-04-14"), [], D("2026-04-14"));

        Assert.False(calendar.IsPublicHoliday(D("2026-05-14")));
        Assert.Equal(9, calendar.HolidaysIn(2026).Count);
        Assert.Equal(D("2026-05-14"), result.DueBase);
        Assert.True(BelgianHolidayCalendar.Default.IsPublicHoliday(D("2026-05-14"))); // the default is untouched
    }

    [Fact]
    public void DL_12_moving_a_holiday_changes_the_deadline()
    {
        // R 2026-05-15 → raw 2026-06-15 Mon (working). Moving Whit Monday 2026 onto it rolls the due date to 06-16.
        var calendar = new BelgianHolidayCalendar([new HolidayOverride(2026, "Whit Monday", D("2026-06-15"))]);
        var calculator = new DeadlineCalculator(calendar, ClockSettings.Default);

        Assert.Equal(D("2026-06-15"), new DeadlineCalculator(Calendar, ClockSettings.Default).Compute(D("2026-05-15"), [], D("2026-05-15")).DueBase);
        Assert.Equal(D("2026-06-16"), calculator.Compute(D("2026-05-15"), [], D("2026-05-15")).DueBase);
        Assert.False(calendar.IsPublicHoliday(D("2026-05-25")));
        Assert.Contains(new Holiday(D("2026-06-15"), "Whit Monday"), calendar.HolidaysIn(2026));
        Assert.True(calendar.IsPublicHoliday(D("2027-05-17"))); // other years unaffected
    }

    [Fact]
    public void DL_12_company_days_cannot_be_added_through_overrides()
    {
        Assert.Throws<ArgumentException>(() => new BelgianHolidayCalendar([new HolidayOverride(2026, "Company closing day", D("2026-12-24"))]));
        Assert.Throws<ArgumentException>(() => new BelgianHolidayCalendar([new HolidayOverride(2026, "Labour Day", D("2027-05-03"))]));
        Assert.Throws<ArgumentException>(() => new BelgianHolidayCalendar(
            [new HolidayOverride(2026, "Labour Day", null), new HolidayOverride(2026, "Labour Day", D("2026-05-04"))]));
    }

    [Fact]
    public void Cache_is_thread_safe_and_stable()
    {
        var calendar = new BelgianHolidayCalendar();
        var results = new System.Collections.Concurrent.ConcurrentBag<IReadOnlyList<Holiday>>();
        Parallel.For(0, 200, i => results.Add(calendar.HolidaysIn(2025 + (i % 5))));

        Assert.All(results, r => Assert.Equal(10, r.Count));
        Assert.Same(calendar.HolidaysIn(2027), calendar.HolidaysIn(2027));
    }
}
