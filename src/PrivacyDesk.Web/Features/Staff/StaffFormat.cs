using System.Globalization;
using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// How staff pages show dates and times: dates in the page culture's words (nl-BE, fr-BE, en), times
/// converted from UTC to Europe/Brussels (§0.3) — the view adds the "Brussels time" label once per block.
/// </summary>
public static class StaffFormat
{
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, BrusselsTime.Zone).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    public static string Time(DateTimeOffset? instant) => instant is { } t ? Time(t) : "—";

    /// <summary>
    /// An ISO 8601 period (P10Y, P6M, P2Y6M, P30D, P4W) as numbers with a unit key (Staff.Unit.Y/M/W/D) for the
    /// view to word; null when it is not a plain date period (then the ISO form is shown as it is).
    /// </summary>
    public static IReadOnlyList<(int Number, string Unit)>? PeriodParts(string? iso)
    {
        var m = System.Text.RegularExpressions.Regex.Match(iso ?? "", @"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$");
        if (!m.Success || iso!.Length < 3)
            return null;
        var parts = new List<(int, string)>();
        var units = new[] { "Y", "M", "W", "D" };
        for (var i = 0; i < 4; i++)
        {
            if (m.Groups[i + 1].Success)
                parts.Add((int.Parse(m.Groups[i + 1].Value, CultureInfo.InvariantCulture), units[i]));
        }
        return parts;
    }

    /// <summary>An article citation in the page's language: "Art. 17(3)(b) GDPR" reads "art. 17(3)(b) AVG" in Dutch, "art. 17(3)(b) RGPD" in French.</summary>
    public static string Article(string citation) => StaffPageModel.UiLanguage switch
    {
        "nl" => citation.Replace("GDPR", "AVG", StringComparison.Ordinal).Replace("Art.", "art.", StringComparison.Ordinal),
        "fr" => citation.Replace("GDPR", "RGPD", StringComparison.Ordinal).Replace("Art.", "art.", StringComparison.Ordinal),
        _ => citation,
    };

    /// <summary>The machine-readable form for &lt;time datetime&gt;, with the Brussels offset.</summary>
    public static string Iso(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, BrusselsTime.Zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
}
