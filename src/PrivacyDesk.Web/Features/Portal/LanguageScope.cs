using System.Globalization;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>Runs a piece of code in another language (e-mails and reports use the request's language, not the visitor's).</summary>
public sealed class LanguageScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public LanguageScope(string? language)
    {
        var culture = PortalFormat.Culture(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
