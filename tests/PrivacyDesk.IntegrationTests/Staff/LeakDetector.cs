using System.Text.Json;
using System.Text.RegularExpressions;
using PrivacyDesk.Web.Infrastructure.Localization;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// Finds what must never show on a Dutch or French staff page, built from the app's own resource files
/// and enums (not from a hand list): a resource key shown instead of its text, an enum member name, or
/// an English word that no Dutch (or French) text of the app uses.
/// </summary>
public sealed partial class LeakDetector
{
    private readonly string _language;
    private readonly HashSet<string> _dottedKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wholeKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _localTexts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _localWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _englishOnly = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _enumNames = new(StringComparer.Ordinal);

    public LeakDetector(string language)
    {
        _language = language;
        var texts = JsonStringLocalizerFactory.Load();
        var english = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, byLanguage) in texts)
        {
            var local = byLanguage.GetValueOrDefault(language) ?? "";
            _localTexts.Add(local);
            foreach (var w in Words(local))
                _localWords.Add(w);
            foreach (var w in Words(byLanguage.GetValueOrDefault("en") ?? key))
                english.Add(w);
            if (local == key)
                continue;
            if (DottedKey().IsMatch(key))
                _dottedKeys.Add(key);
            else if (key.Length >= 8)
                _wholeKeys.Add(key);
        }
        // The other texts the app shows in this language: the policy packs' names and descriptions, the coded reasons,
        // and the domain's three-language texts (plan reasons and notices: new("nl", "fr", "en") in src/PrivacyDesk.Domain).
        var index = language == "fr" ? 2 : 1;
        foreach (var source in Directory.GetFiles(Path.Combine(Infrastructure.BrowserHost.RepositoryRoot(), "src", "PrivacyDesk.Domain"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in ThreeTexts().Matches(File.ReadAllText(source)))
            {
                foreach (var w in Words(m.Groups[index].Value))
                    _localWords.Add(w);
            }
        }
        foreach (var pack in Directory.GetFiles(Path.Combine(Infrastructure.BrowserHost.RepositoryRoot(), "policy-packs"), "*.json"))
            AddLocal(JsonDocument.Parse(File.ReadAllText(pack)).RootElement);
        foreach (var reason in PrivacyDesk.Web.Features.Staff.ReasonCatalog.Refusal.Concat(PrivacyDesk.Web.Features.Staff.ReasonCatalog.Extension))
        {
            foreach (var w in Words(reason.Text.For(language)))
                _localWords.Add(w);
        }
        _englishOnly.UnionWith(english.Where(w => w.Length >= 4 && !_localWords.Contains(w)));
        foreach (var assembly in new[] { typeof(PrivacyDesk.Domain.Requests.RequestStatus).Assembly, typeof(JsonStringLocalizerFactory).Assembly })
        {
            foreach (var type in assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic || t.IsEnum && t.IsNestedPublic))
            {
                foreach (var name in Enum.GetNames(type).Where(n => !_localWords.Contains(n)))
                    _enumNames.Add(name);
            }
        }
    }

    private void AddLocal(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == _language && property.Value.ValueKind == JsonValueKind.String)
                {
                    foreach (var w in Words(property.Value.GetString() ?? ""))
                        _localWords.Add(w);
                }
                else
                {
                    AddLocal(property.Value);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                AddLocal(item);
        }
    }

    public int Size => _dottedKeys.Count + _wholeKeys.Count + _englishOnly.Count + _enumNames.Count;

    /// <summary>The leaks in a page's visible text (and its labels, titles and options), each with a little context.</summary>
    public IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        foreach (var key in _dottedKeys.Where(k => text.Contains(k, StringComparison.Ordinal)))
            found.Add($"resource key '{key}'");
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (_wholeKeys.Contains(line) && !_localTexts.Contains(line))
                found.Add($"untranslated text '{line}'");
        }
        foreach (Match m in Word().Matches(text))
        {
            var w = m.Value;
            if (_enumNames.Contains(w))
                found.Add($"enum name '{w}' in “{Context(text, m.Index)}”");
            else if (_englishOnly.Contains(w))
                found.Add($"English word '{w}' in “{Context(text, m.Index)}”");
        }
        return found.Distinct().ToList();
    }

    private static string Context(string text, int at)
    {
        var start = Math.Max(0, at - 30);
        return text.Substring(start, Math.Min(70, text.Length - start)).Replace('\n', ' ');
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"new(?: LocalizedText)?\(\s*\$?""((?:[^""\\]|\\.)*)"",\s*\$?""((?:[^""\\]|\\.)*)"",\s*\$?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ThreeTexts();

    [GeneratedRegex(@"^[A-Z][A-Za-z]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex DottedKey();

    [GeneratedRegex(@"\p{L}[\p{L}'’]*")]
    private static partial Regex Word();

    public override string ToString() => $"leak detector ({_language}): {Size} entries";
}
