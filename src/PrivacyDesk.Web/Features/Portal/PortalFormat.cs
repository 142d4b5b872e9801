using System.Globalization;
using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>Languages and local date formats of the portal, its e-mails and its deliverables (nl default).</summary>
public static class PortalFormat
{
    public static readonly string[] Languages = ["nl", "fr", "en"];

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    /// <summary>nl, fr or en from a language code or culture name (leading blanks and case ignored); allocation-free, as
    /// every date of a deliverable (tens of thousands in a long career's access report) is formatted through it.</summary>
    public static string Normalize(string? language)
    {
        var code = (language ?? "").AsSpan().TrimStart();
        return code.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr" : code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "nl";
    }

    public static CultureInfo Culture(string? language) => Normalize(language) switch
    {
        "fr" => French,
        "en" => English,
        _ => Dutch,
    };

    public static string CurrentLanguage => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>"23 december 2026", "23 décembre 2026", "23 December 2026".</summary>
    public static string Date(DateOnly date, string? language) => date.ToString("d MMMM yyyy", Culture(language));

    public static string Date(DateOnly date) => Date(date, CurrentLanguage);

    /// <summary>A moment shown in Brussels local time, e.g. "25 november 2026 10:30".</summary>
    public static string DateTime(DateTimeOffset instant, string? language) =>
        TimeZoneInfo.ConvertTime(instant, BrusselsTime.Zone).ToString("d MMMM yyyy HH:mm", Culture(language));

    public static string DateTime(DateTimeOffset instant) => DateTime(instant, CurrentLanguage);
}
