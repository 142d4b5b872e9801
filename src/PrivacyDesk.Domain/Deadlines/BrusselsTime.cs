namespace PrivacyDesk.Domain.Deadlines;

/// <summary>§0.3: timestamps are UTC, day arithmetic uses the Europe/Brussels calendar date.</summary>
public static class BrusselsTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateOnly ToBrusselsDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToBrusselsDate(clock.GetUtcNow());
    }

    /// <summary>Last instant of the deadline day in Brussels (R1182 art. 3(2)), with the Brussels offset of that moment.</summary>
    public static DateTimeOffset EndOfDay(DateOnly deadline)
    {
        // 23:59:59.9999999 is never inside a DST gap (transitions happen at 02:00/03:00).
        var local = deadline.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
