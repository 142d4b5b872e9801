using System.Collections.Concurrent;
using System.Collections.Frozen;

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
        var easter = EasterSunday(year);
        (string Name, DateOnly Date)[] legal =
        [
            (NewYearsDay, new DateOnly(year, 1, 1)),
            (EasterMonday, easter.AddDays(1)),
            (LabourDay, new DateOnly(year, 5, 1)),
            (AscensionDay, easter.AddDays(39)),
            (WhitMonday, easter.AddDays(50)),
            (NationalDay, new DateOnly(year, 7, 21)),
            (Assumption, new DateOnly(year, 8, 15)),
            (AllSaintsDay, new DateOnly(year, 11, 1)),
            (ArmisticeDay, new DateOnly(year, 11, 11)),
            (ChristmasDay, new DateOnly(year, 12, 25)),
        ];

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
