using System.Collections.Concurrent;
using System.Collections.Frozen;
using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// The ten Belgian legal public holidays (DL-10) plus a Royal-Decree override table (DL-12).
/// Community holidays, 26 December, Good Friday, replacement and company days are deliberately absent (DL-11).
/// </summary>
public sealed class BelgianHolidayCalendar : IHolidayCalendar
{
    public const string NewYearsDay = "New Year's Day";
    public const string EasterMonday = "Easter Monday";
    public const string LabourDay = "Labour Day";
    public const string AscensionDay = "Ascension Day";
    public const string WhitMonday = "Whit Monday";
    public const string NationalDay = "National Day";
    public const string Assumption = "Assumption";
    public const string AllSaintsDay = "All Saints' Day";
    public const string ArmisticeDay = "Armistice Day";
    public const string ChristmasDay = "Christmas Day";

    private static readonly FrozenSet<string> LegalHolidayNames = new[]
    {
        NewYearsDay, EasterMonday, LabourDay, AscensionDay, WhitMonday,
        NationalDay, Assumption, AllSaintsDay, ArmisticeDay, ChristmasDay,
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<(int Year, string Name), DateOnly?> _overrides;
    private readonly ConcurrentDictionary<int, YearTable> _cache = new();

    public static BelgianHolidayCalendar Default { get; } = new();

    public BelgianHolidayCalendar(IEnumerable<HolidayOverride>? overrides = null)
    {
        var table = new Dictionary<(int, string), DateOnly?>();
        foreach (var o in overrides ?? [])
        {
            // DL-12: only legal holidays can be changed; a company closing day can never enter this way.
            if (!LegalHolidayNames.Contains(o.Name))
            {
                throw new ArgumentException($"'{o.Name}' is not a Belgian legal public holiday (DL-10); company days cannot be added (DL-12).", nameof(overrides));
            }

            if (o.MovedTo is { } moved && moved.Year != o.Year)
            {
                throw new ArgumentException($"Override of {o.Name} {o.Year} moves it to another year ({moved}).", nameof(overrides));
            }

            if (!table.TryAdd((o.Year, o.Name), o.MovedTo))
            {
                throw new ArgumentException($"Duplicate override for {o.Name} {o.Year}.", nameof(overrides));
            }
        }

        _overrides = table.ToFrozenDictionary();
    }

    /// <summary>The names of the ten DL-10 holidays, in calendar order.</summary>
    public static IReadOnlyList<string> LegalHolidayNamesInOrder { get; } =
    [
        NewYearsDay, EasterMonday, LabourDay, AscensionDay, WhitMonday,
        NationalDay, Assumption, AllSaintsDay, ArmisticeDay, ChristmasDay,
    ];

    public static bool IsLegalHolidayName(string? name) => name is not null && LegalHolidayNames.Contains(name);

    /// <summary>The DL-10 date of a legal holiday in a year, before any override.</summary>
    public static DateOnly LegalDate(int year, string name)
    {
        var easter = EasterSunday(year);
        return name switch
        {
            NewYearsDay => new DateOnly(year, 1, 1),
            EasterMonday => easter.AddDays(1),
            LabourDay => new DateOnly(year, 5, 1),
            AscensionDay => easter.AddDays(39),
            WhitMonday => easter.AddDays(50),
            NationalDay => new DateOnly(year, 7, 21),
            Assumption => new DateOnly(year, 8, 15),
            AllSaintsDay => new DateOnly(year, 11, 1),
            ArmisticeDay => new DateOnly(year, 11, 11),
            ChristmasDay => new DateOnly(year, 12, 25),
            _ => throw new ArgumentException($"'{name}' is not a Belgian legal public holiday (DL-10).", nameof(name)),
        };
    }

    /// <summary>
    /// DL-12 guard for the override table: only one of the ten legal holidays can be moved (within its year, to
    /// another date) or cancelled for a year. There is no way to add a day, so company closing days never enter.
    /// </summary>
    public static HolidayOverride CheckOverride(int year, string name, DateOnly? movedTo)
    {
        if (year is < 1900 or > 2200)
        {
            throw new DomainException("holiday.year", $"{year} is not a year the calendar covers.", "DL-12");
        }

        if (!IsLegalHolidayName(name))
        {
            throw new DomainException("holiday.not-legal",
                $"'{name}' is not one of the ten Belgian legal public holidays; company or bridge days can never be added (DL-11, DL-12).", "DL-12");
        }

        if (movedTo is { } moved)
        {
            if (moved.Year != year)
            {
                throw new DomainException("holiday.other-year", $"{name} {year} can only be moved to a date in {year}.", "DL-12");
            }

            if (moved == LegalDate(year, name))
            {
                throw new DomainException("holiday.same-date", $"{moved:yyyy-MM-dd} is already the legal date of {name}; remove the override instead.", "DL-12");
            }
        }

        return new HolidayOverride(year, name, movedTo);
    }

    public bool IsPublicHoliday(DateOnly date) => GetYear(date.Year).Dates.Contains(date);

    public IReadOnlyList<Holiday> HolidaysIn(int year) => GetYear(year).Holidays;

    /// <summary>Gregorian Easter Sunday, Meeus/Jones/Butcher algorithm (valid for every Gregorian year).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private YearTable GetYear(int year) => _cache.GetOrAdd(year, Build);

    private YearTable Build(int year)
    {
        var legal = LegalHolidayNamesInOrder.Select(name => (Name: name, Date: LegalDate(year, name))).ToArray();

        var holidays = new List<Holiday>(legal.Length);
        foreach (var (name, date) in legal)
        {
            if (!_overrides.TryGetValue((year, name), out var replaced))
            {
                holidays.Add(new Holiday(date, name));
            }
            else if (replaced is { } movedTo)
            {
                holidays.Add(new Holiday(movedTo, name));
            }
        }

        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return new YearTable(holidays.AsReadOnly(), holidays.Select(h => h.Date).ToFrozenSet());
    }

    private sealed record YearTable(IReadOnlyList<Holiday> Holidays, FrozenSet<DateOnly> Dates);
}
