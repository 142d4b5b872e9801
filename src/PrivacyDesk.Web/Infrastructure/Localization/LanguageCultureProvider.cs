using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace PrivacyDesk.Web.Infrastructure.Localization;

/// <summary>
/// Picks the portal language from the browser's Accept-Language by language, not by region: fr, fr-FR,
/// fr-CH and fr-BE all get French, nl and nl-NL get Dutch, any English gets English. The framework's own
/// provider matches whole culture names (only fr-BE reached French), and parent fallback does not help
/// because the supported culture is fr-BE, not fr. Preferences are taken in the browser's order of quality.
/// </summary>
public sealed class LanguageCultureProvider(IReadOnlyList<CultureInfo> supported) : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var match = Match(httpContext.Request.Headers.AcceptLanguage.ToString(), supported);
        return Task.FromResult(match is null ? null : new ProviderCultureResult(match.Name));
    }

    /// <summary>The supported culture for an Accept-Language header value, or null when none of its languages is offered.</summary>
    public static CultureInfo? Match(string? acceptLanguage, IReadOnlyList<CultureInfo> supported)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var values))
            return null;
        // Stable order: highest quality first, the browser's order among equals.
        foreach (var value in values.Select((v, i) => (v, i)).OrderByDescending(x => x.v.Quality ?? 1).ThenBy(x => x.i).Select(x => x.v))
        {
            if (value.Quality is 0)
                continue;
            var tag = value.Value.ToString().Trim();
            var language = tag.Split('-', '_')[0];
            if (language.Length == 0 || language == "*")
                continue;
            var exact = supported.FirstOrDefault(c => string.Equals(c.Name, tag, StringComparison.OrdinalIgnoreCase));
            var byLanguage = exact ?? supported.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, language, StringComparison.OrdinalIgnoreCase));
            if (byLanguage is not null)
                return byLanguage;
        }
        return null;
    }
}
