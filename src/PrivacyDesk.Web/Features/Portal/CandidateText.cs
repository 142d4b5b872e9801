using System.Text.RegularExpressions;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// What a candidate reads never carries our internal rule IDs (they stay for staff): plan reasons and notices
/// cite them in brackets, so the candidate-facing texts (final answer, access report) pass through here.
/// Articles are written in the reader's language: "art. 17(3)(b) AVG", "art. 17(3)(b) RGPD", "Art. 17(3)(b) GDPR".
/// </summary>
public static partial class CandidateText
{
    /// <summary>The rule-ID prefixes of docs/gdpr-rules.md (DL-9, ER-4, ACC-3, ...).</summary>
    public const string RuleIdPattern = @"\b(?:DL|ER|RET|CLK|ACC|RS|ID|EXT|LH|FEE|RECT|PO|CEF|CW|OB)-\d+[a-z]?\b";

    public static string WithoutRuleIds(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        // "(ER-4)", "(ID-4 step 2)", "(ACC-3, LH-3)": the whole bracket goes.
        var result = OnlyRuleIdsInBrackets().Replace(text, "");
        // "(Art. 17(3)(b) GDPR, ER-4)" or a bare "ER-4": the ID and its separator go, the rest stays.
        result = RuleIdWithSeparator().Replace(result, "");
        result = EmptyBrackets().Replace(result, "");
        return DoubleSpaces().Replace(result, " ").Replace(" .", ".", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal).Trim();
    }

    /// <summary>
    /// A plan text as a candidate reads it: no rule IDs, no section numbers of our rules ("(2.0.8)"), and
    /// ISO dates ("2029-12-31") written in words in the reader's language.
    /// </summary>
    public static string Plain(string? text, string language)
    {
        var result = SectionReference().Replace(WithoutRuleIds(text), "");
        result = IsoDate().Replace(result, m => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? PortalFormat.Date(d, language)
            : m.Value);
        return result.Replace(" .", ".", StringComparison.Ordinal).Trim();
    }

    /// <summary>"Art. 17(3)(b) GDPR" in the reader's language: AVG in Dutch, RGPD in French.</summary>
    public static string Article(string? article, string language)
    {
        if (string.IsNullOrWhiteSpace(article))
            return "";
        var text = WithoutRuleIds(article);
        return PortalFormat.Normalize(language) switch
        {
            "nl" => text.Replace("Art. ", "art. ", StringComparison.Ordinal).Replace(" and ", " en ", StringComparison.Ordinal).Replace("GDPR", "AVG", StringComparison.Ordinal),
            "fr" => text.Replace("Art. ", "art. ", StringComparison.Ordinal).Replace(" and ", " et ", StringComparison.Ordinal).Replace("GDPR", "RGPD", StringComparison.Ordinal),
            _ => text,
        };
    }

    [GeneratedRegex(@"\s*\((?:\s*(?:" + RuleIdPattern + @")(?:\s+step\s+\d+)?\s*[,;/]?\s*(?:and\s+|en\s+|et\s+)?)+\)")]
    private static partial Regex OnlyRuleIdsInBrackets();

    [GeneratedRegex(@"(?:[,;]\s*)?" + RuleIdPattern + @"(?:\s+step\s+\d+)?(?:\s*[,;])?")]
    private static partial Regex RuleIdWithSeparator();

    [GeneratedRegex(@"\s*\((?:§\s*)?\d+\.\d+(?:\.\d+)+(?:\s+[A-Z]\d+)?\)")]
    private static partial Regex SectionReference();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\s*\(\s*\)")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpaces();
}
