namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// One-off change to a legal holiday by Royal Decree (DL-12). <paramref name="Name"/> must be one of the
/// ten DL-10 holidays; <paramref name="MovedTo"/> null removes it for that year.
/// </summary>
public sealed record HolidayOverride(int Year, string Name, DateOnly? MovedTo);
