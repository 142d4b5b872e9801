using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Infrastructure.Localization;

public sealed class JsonStringLocalizer(FrozenDictionary<string, Dictionary<string, string>> texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var value = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, value ?? name, arguments), value is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        texts.Keys.Select(k => this[k]);

    private string? Find(string name)
    {
        if (!texts.TryGetValue(name, out var byLanguage))
            return null;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return byLanguage.TryGetValue(language, out var text) ? text : byLanguage.GetValueOrDefault("en");
    }
}
