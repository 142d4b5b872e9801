namespace PrivacyDesk.Domain.Deadlines;

/// <summary>Month and period arithmetic of gdpr-rules.md §1.3 (DL-7, DL-8) and §4.3 (RET-4).</summary>
public static class CalendarMath
{
    /// <summary>
    /// DL-7: same day number <paramref name="months"/> months later; clamp to the last day only when
    /// that day number does not exist (2027-02-28 + 1 month = 2027-03-28, never 03-31).
    /// </summary>
    public static DateOnly AddMonths(DateOnly date, int months)
    {
        // Pseudo-code of §1.7; floor division keeps negative offsets correct too.
        var total = date.Month - 1 + months;
        var year = date.Year + (int)Math.Floor(total / 12.0);
        var month = ((total % 12) + 12) % 12 + 1;
        var day = Math.Min(date.Day, DateTime.DaysInMonth(year, month));
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// RET-4: years and months become one month count applied with a single <see cref="AddMonths"/>
    /// (so 2027-08-31 + P1Y6M = 2029-02-28), then the days are added.
    /// </summary>
    public static DateOnly AddPeriod(DateOnly date, IsoPeriod period)
    {
        if (period.Years < 0 || period.Months < 0 || period.Days < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Retention periods cannot be negative.");
        }

        return AddMonths(date, period.TotalMonths).AddDays(period.Days);
    }
}
