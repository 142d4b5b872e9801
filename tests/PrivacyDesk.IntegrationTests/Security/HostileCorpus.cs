using System.Text;

namespace PrivacyDesk.IntegrationTests.Security;

/// <summary>What a hostile value tries to do; decides where it may legitimately be accepted.</summary>
public enum HostileKind
{
    /// <summary>SQL injection: plain text to a parameterised query; legitimate in free text, never a valid name, e-mail or code.</summary>
    Sql,

    /// <summary>Markup and script: refused in every portal field (tags) or, when it is not a tag (a javascript: URL), text to encode.</summary>
    Script,

    /// <summary>CR/LF (raw or percent-encoded) meant to add mail headers: never valid in an address or a name.</summary>
    HeaderInjection,

    /// <summary>10,000 characters: longer than any field of any form or API resource allows.</summary>
    Oversized,

    /// <summary>NUL: PostgreSQL text cannot hold it; refused before anything reaches the database.</summary>
    Nul,

    /// <summary>Other C0 control characters (escape, bell, backspace).</summary>
    Control,

    /// <summary>Spreadsheet formulas: refused in names; text elsewhere, neutralised in every CSV export.</summary>
    Formula,

    /// <summary>Path traversal: text to a field, a refusal as a file name.</summary>
    PathTraversal,
}

public sealed record HostileValue(string Name, HostileKind Kind, string Value)
{
    /// <summary>Refused in every field, free text included (tags, NUL, control characters, oversize).</summary>
    public bool RefusedEverywhere => Kind is HostileKind.Nul or HostileKind.Control or HostileKind.Oversized
        || (Kind == HostileKind.Script && Value.Contains('<', StringComparison.Ordinal));

    public override string ToString() => Name;
}

/// <summary>
/// The hostile-input corpus (docs/security.md), shared by the portal, API, export and scanner tests: one list,
/// every public form field and every API input gets all of it.
/// </summary>
public static class HostileCorpus
{
    public const int OversizedLength = 10_000;

    public static readonly IReadOnlyList<HostileValue> Strings =
    [
        new("sql-or-true", HostileKind.Sql, "' OR 1=1--"),
        new("sql-drop-table", HostileKind.Sql, "'; DROP TABLE requests;--"),
        new("sql-union", HostileKind.Sql, "x' UNION SELECT password_hash, email FROM asp_net_users--"),
        new("sql-quote-or", HostileKind.Sql, "\" OR \"\"=\""),
        new("sql-sleep", HostileKind.Sql, "1; SELECT pg_sleep(5)--"),
        new("script-tag", HostileKind.Script, "<script>alert(1)</script>"),
        new("script-attribute-breakout", HostileKind.Script, "\"><img src=x onerror=alert(1)>"),
        new("script-svg", HostileKind.Script, "<svg/onload=alert(1)>"),
        new("script-javascript-url", HostileKind.Script, "javascript:alert(1)"),
        new("header-crlf-bcc", HostileKind.HeaderInjection, "a@b.be\r\nBcc: x@y.z"),
        new("header-lf-subject", HostileKind.HeaderInjection, "a@b.be\nSubject: you won"),
        new("header-percent-encoded", HostileKind.HeaderInjection, "a@b.be%0d%0aBcc: x@y.z"),
        new("oversized-10000", HostileKind.Oversized, new string('a', OversizedLength)),
        new("oversized-10000-multibyte", HostileKind.Oversized, string.Concat(Enumerable.Repeat("é", OversizedLength))),
        new("nul-inside", HostileKind.Nul, "An\0na"),
        new("nul-only", HostileKind.Nul, "\0"),
        new("control-escape", HostileKind.Control, "An\u001b[31mna"),
        new("control-backspace", HostileKind.Control, "An\bna"),
        new("formula-hyperlink", HostileKind.Formula, "=HYPERLINK(\"http://evil.example\",\"x\")"),
        new("formula-dde", HostileKind.Formula, "+cmd|' /C calc'!A0"),
        new("formula-at", HostileKind.Formula, "@SUM(1)"),
        new("formula-minus", HostileKind.Formula, "-2+3"),
        new("path-traversal", HostileKind.PathTraversal, "../../etc/passwd"),
        new("path-traversal-windows", HostileKind.PathTraversal, "..\\..\\windows\\win.ini"),
    ];

    /// <summary>File names for uploads: traversal, double extensions, control characters, reserved characters.</summary>
    public static readonly IReadOnlyList<string> UploadNames =
    [
        "../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "/etc/passwd.png",
        "id.pdf.exe",
        "cv.php.jpg",
        "kaart.exe.png",
        "kaart\0.png",
        "kaart\r\n.png",
        "<script>.png",
        "=HYPERLINK(1).png",
        new string('a', 300) + ".png",
        ".htaccess",
        " kaart.png",
    ];

    /// <summary>Byte sequences that are not UTF-8: a lone continuation byte, an invalid lead byte, an overlong NUL, a surrogate, a truncated sequence.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Bytes)> InvalidUtf8 =
    [
        ("lone-continuation", [0x80]),
        ("invalid-lead", [0xC3, 0x28, 0xFF]),
        ("overlong-nul", [0xC0, 0x80]),
        ("utf16-surrogate", [0xED, 0xA0, 0x80]),
        ("truncated", [0xE2, 0x82]),
    ];

    /// <summary>A JSON document nested <paramref name="levels"/> objects deep inside a valid top-level object.</summary>
    public static string DeeplyNested(int levels, string property = "details") =>
        "{ \"" + property + "\": " + string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels) + " }";

    /// <summary>A JSON body of about <paramref name="megabytes"/> MB: one huge string value.</summary>
    public static string Huge(int megabytes, string property = "firstName") =>
        "{ \"" + property + "\": \"" + new string('a', megabytes * 1024 * 1024) + "\" }";

    /// <summary>A form-url-encoded body whose first value is replaced by raw invalid bytes (percent-encoded, as a browser would send them).</summary>
    public static string PercentEncoded(byte[] bytes) => string.Concat(bytes.Select(b => "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The raw bytes of a UTF-8 text with <paramref name="marker"/> replaced by <paramref name="invalid"/>.</summary>
    public static byte[] WithInvalidBytes(string text, string marker, byte[] invalid)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            throw new ArgumentException($"Marker {marker} not found.", nameof(marker));
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. invalid, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])];
    }

    /// <summary>True when a spreadsheet would evaluate the cell (OWASP CSV injection).</summary>
    public static bool IsLiveFormula(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
