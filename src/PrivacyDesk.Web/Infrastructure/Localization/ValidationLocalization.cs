using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Infrastructure.Localization;

/// <summary>
/// FluentValidation's own messages ("'{PropertyName}' must not be empty") in the page's language: its language
/// manager follows the request's UI culture (nl, fr and en are built in), and the property's name is the
/// resource text <c>Field.&lt;Property&gt;</c>, so a Dutch page says "'Tekst' mag niet leeg zijn", never "'Body'".
/// A property without a Field text keeps FluentValidation's own name (its words split).
/// </summary>
public static class ValidationLocalization
{
    public static void Configure(IStringLocalizer texts)
    {
        ValidatorOptions.Global.LanguageManager.Culture = null; // null: CultureInfo.CurrentUICulture, set per request
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : texts["Field." + member.Name] is { ResourceNotFound: false } name ? name.Value : null;
    }
}
