namespace PrivacyDesk.Web.Features.Api;

/// <summary>Shared input checks (hostile input: formulas for spreadsheets, header injection, path tricks).</summary>
public static class CandidateInputRules
{
    public const string PhonePattern = @"^\+?[0-9 ./()-]{6,40}$";
    public const string PhoneMessage = "Give a phone number of digits, spaces and + . / ( ) - only.";
    public const string FormulaMessage = "A value may not start with = + - @ (it would run as a formula in a spreadsheet export).";
    public const string SingleLineMessage = "Line breaks are not allowed here.";

    /// <summary>Names and references go into CSV exports: refuse spreadsheet formulas (CSV injection).</summary>
    public static bool NoFormula(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return true;
        return value.TrimStart()[0] is not ('=' or '+' or '-' or '@');
    }

    public const string MarkupMessage = "Angle brackets are not allowed in names.";

    /// <summary>Names never contain markup; refusing &lt; and &gt; keeps script out of every later rendering and export.</summary>
    public static bool NoMarkup(string? value) => value is null || value.IndexOfAny(['<', '>']) < 0;

    public static bool SingleLine(string? value) => value is null || value.IndexOfAny(['\r', '\n', '\0']) < 0;

    public const string DeliverableMessage = "Give one plain e-mail address, such as name@example.be.";

    /// <summary>
    /// An address the mailer takes as exactly one recipient: the portal's strict pattern (no spaces, brackets,
    /// commas or quotes) and System.Net.Mail's own parser agreeing on it. FluentValidation's EmailAddress() only
    /// looks for an "@"; sqlmap's "an@example.be(..." passed it and later failed in the outbox (docs/security.md).
    /// </summary>
    public static bool Deliverable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return true;
        var trimmed = value.Trim();
        return Portal.PortalInput.IsEmail(trimmed) && System.Net.Mail.MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed && string.IsNullOrEmpty(address.DisplayName);
    }

    public static bool NoControlCharacters(string? value) => value is null || !value.Any(c => char.IsControl(c));

    public static bool SafeFileName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.IndexOfAny(['/', '\\', ':', '\0']) < 0 && !value.Any(char.IsControl) && value.Trim('.').Length > 0;

    public static bool LooksLikeImage(byte[]? content) =>
        content is { Length: > 4 } && ((content[0] == 0xFF && content[1] == 0xD8) || (content[0] == 0x89 && content[1] == 0x50 && content[2] == 0x4E && content[3] == 0x47));
}
