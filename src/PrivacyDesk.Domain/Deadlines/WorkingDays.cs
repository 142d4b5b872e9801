namespace PrivacyDesk.Domain.Deadlines;

/// <summary>Working-day helpers: a working day is neither Saturday, Sunday nor a public holiday (§0.3, DL-9).</summary>
public static class WorkingDays
{
    public static bool IsNonWorking(DateOnly date, IHolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || calendar.IsPublicHoliday(date);
    }

    /// <summary>DL-9: the date itself if it is a working day, else the next working day.</summary>
    public static DateOnly RollForward(DateOnly date, IHolidayCalendar calendar)
    {
        while (IsNonWorking(date, calendar))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// Steps <paramref name="workingDays"/> working days from <paramref name="date"/> (backwards when negative,
    /// e.g. CLK-6 postal dispatch lead); 0 returns the date unchanged.
    /// </summary>
    public static DateOnly AddWorkingDays(DateOnly date, int workingDays, IHolidayCalendar calendar)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (!IsNonWorking(date, calendar))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>Working days in (<paramref name="from"/>, <paramref name="to"/>]; 0 when to ≤ from. Used for CLK-2(2).</summary>
    public static int CountWorkingDaysAfter(DateOnly from, DateOnly to, IHolidayCalendar calendar)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (!IsNonWorking(d, calendar))
            {
                count++;
            }
        }

        return count;
    }
}
