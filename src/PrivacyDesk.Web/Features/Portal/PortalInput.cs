using System.Globalization;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>Input rules of the public forms (pure logic, unit-tested): names, e-mail, phone, dates, free text.</summary>
public static partial class PortalInput
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>Letters (any script), combining marks, spaces, apostrophes, hyphens and dots; no digits, no markup, no control characters.</summary>
    public static bool IsName(string? value) => value is not null && NameRegex().IsMatch(value.Trim());

    public static bool IsEmail(string? value) => value is not null && value.Length <= 254 && EmailRegex().IsMatch(value.Trim());

    /// <summary>An optional leading +, then 8 to 15 digits with spaces, dots, slashes, hyphens or brackets.</summary>
    public static bool IsPhone(string? value)
    {
        if (value is null || !PhoneRegex().IsMatch(value.Trim()))
            return false;
        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact((value ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>In the past, at least 13 years ago (Belgian digital age of consent) and at most 120 years ago.</summary>
    public static bool IsPlausibleBirthDate(DateOnly date, DateOnly today) =>
        date <= today.AddYears(-13) && date >= today.AddYears(-120);

    /// <summary>Free text: line breaks and tabs allowed, other control characters and HTML tags are not.</summary>
    public static bool IsPlainText(string? value) =>
        value is null || (!value.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')) && !TagRegex().IsMatch(value));

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^[^@\s<>""(),;:\\\[\]\p{C}]+@[A-Za-z0-9\p{L}](?:[A-Za-z0-9\p{L}\-]*[A-Za-z0-9\p{L}])?(?:\.[A-Za-z0-9\p{L}](?:[A-Za-z0-9\p{L}\-]*[A-Za-z0-9\p{L}])?)+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\+?[0-9 ()./\-]+$")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!?]")]
    private static partial Regex TagRegex();
}
