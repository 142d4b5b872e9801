namespace PrivacyDesk.Domain.Deadlines;

/// <summary>Public holidays relevant for deadline roll-forward (gdpr-rules.md DL-9, DL-10).</summary>
public interface IHolidayCalendar
{
    bool IsPublicHoliday(DateOnly date);

    IReadOnlyList<Holiday> HolidaysIn(int year);
}
