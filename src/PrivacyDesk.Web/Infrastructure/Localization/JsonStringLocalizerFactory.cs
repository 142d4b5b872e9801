using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Infrastructure.Localization;

/// <summary>
/// The framework's IStringLocalizer over one resource file, Resources/strings.json, holding every
/// text in nl, fr and en side by side: translators see all three at once, and a test fails when a
/// language is missing. Keys are English; an unknown key shows itself (visible, never blank).
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer _localizer = new(Load());

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;

    /// <summary>Merges every embedded Resources/strings*.json (one file per feature area avoids edit collisions).</summary>
    public static FrozenDictionary<string, Dictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var merged = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("PrivacyDesk.Web.Resources.strings", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var texts = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
                ?? throw new InvalidOperationException($"{name} is empty.");
            foreach (var (key, value) in texts)
            {
                if (!merged.TryAdd(key, value))
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
            }
        }
        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
