using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

/// <summary>DL-12: what the override table may hold, checked before anything is stored.</summary>
public sealed class HolidayOverrideRulesTests
{
    [Theory]
    [InlineData("Company closing day")]
    [InlineData("Flemish Community holiday")] // 11 July, DL-11
    [InlineData("Boxing Day")]                // 26 December, DL-11
    [InlineData("labour day")]                // names are exact
    public void Should_never_let_a_non_legal_day_in_DL11_DL12(string name)
    {
        var ex = Assert.Throws<DomainException>(() => BelgianHolidayCalendar.CheckOverride(2026, name, D("2026-12-24")));

        Assert.Equal("holiday.not-legal", ex.Code);
        Assert.Equal("DL-12", ex.Rule);
    }

    [Fact]
    public void Should_keep_a_moved_holiday_inside_its_year_and_off_its_legal_date_DL12()
    {
        Assert.Equal("holiday.other-year", Assert.Throws<DomainException>(() =>
            BelgianHolidayCalendar.CheckOverride(2026, BelgianHolidayCalendar.ChristmasDay, D("2027-01-04"))).Code);
        Assert.Equal("holiday.same-date", Assert.Throws<DomainException>(() =>
            BelgianHolidayCalendar.CheckOverride(2026, BelgianHolidayCalendar.AscensionDay, D("2026-05-14"))).Code);
    }

    [Fact]
    public void Should_accept_a_move_or_a_cancellation_and_apply_it_to_the_calendar_DL12()
    {
        var moved = BelgianHolidayCalendar.CheckOverride(2026, BelgianHolidayCalendar.LabourDay, D("2026-05-04"));
        var cancelled = BelgianHolidayCalendar.CheckOverride(2026, BelgianHolidayCalendar.AscensionDay, null);

        var calendar = new BelgianHolidayCalendar([moved, cancelled]);

        Assert.False(calendar.IsPublicHoliday(D("2026-05-01")));
        Assert.True(calendar.IsPublicHoliday(D("2026-05-04")));
        Assert.False(calendar.IsPublicHoliday(D("2026-05-14")));
        Assert.Equal(9, calendar.HolidaysIn(2026).Count);
        Assert.Equal(10, calendar.HolidaysIn(2027).Count); // one-off: other years untouched
    }

    [Theory]
    [InlineData(2026, "Ascension Day", "2026-05-14")]
    [InlineData(2027, "Easter Monday", "2027-03-29")]
    [InlineData(2028, "Whit Monday", "2028-06-05")]
    [InlineData(2029, "National Day", "2029-07-21")]
    public void Should_give_the_legal_date_of_each_holiday_DL10(int year, string name, string date) =>
        Assert.Equal(D(date), BelgianHolidayCalendar.LegalDate(year, name));
}
