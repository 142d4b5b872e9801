namespace PrivacyDesk.Domain.Deadlines;

/// <summary>Public holidays relevant for deadline roll-forward (gdpr-rules.md DL-9, DL-10).</summary>
public interface IHolidayCalendar
{
    bool IsPublicHoliday(DateOnly date);

    IReadOnlyList<Holiday> HolidaysIn(int year);
}

public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// One-off change to a legal holiday by Royal Decree (DL-12). <paramref name="Name"/> must be one of the
/// ten DL-10 holidays; <paramref name="MovedTo"/> null removes it for that year.
/// </summary>
public sealed record HolidayOverride(int Year, string Name, DateOnly? MovedTo);
