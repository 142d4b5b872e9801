using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>Any French or Dutch preference, from any region, lands on that language (the browsers' own defaults).</summary>
public sealed class PortalLanguageTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    // French: plain, France, Switzerland, Canada, Belgium, and Firefox/Chrome/Safari defaults of a French system.
    [InlineData("fr", "fr")]
    [InlineData("fr-FR", "fr")]
    [InlineData("fr-CH", "fr")]
    [InlineData("fr-CA,fr;q=0.9", "fr")]
    [InlineData("fr-BE", "fr")]
    [InlineData("fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3", "fr")]
    [InlineData("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr")]
    [InlineData("fr-FR,fr;q=0.9", "fr")]
    // Dutch: plain, the Netherlands, Belgium, browser defaults.
    [InlineData("nl", "nl")]
    [InlineData("nl-NL", "nl")]
    [InlineData("nl-BE", "nl")]
    [InlineData("nl,en-US;q=0.7,en;q=0.3", "nl")]
    [InlineData("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl")]
    [InlineData("nl-BE,nl;q=0.9,fr-BE;q=0.8,fr;q=0.7,en-US;q=0.6,en;q=0.5", "nl")]
    // English and the order of quality.
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7", "fr")]
    [InlineData("en;q=0.5,fr;q=0.9", "fr")]
    // Nothing we offer: the default language (Dutch).
    [InlineData("de-DE,de;q=0.9", "nl")]
    public async Task Should_answer_in_the_language_of_the_browser_whatever_its_region(string acceptLanguage, string expected)
    {
        using var client = App.Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var html = await client.GetStringAsync("/Requests/Find");

        var lang = System.Text.RegularExpressions.Regex.Match(html, "<html lang=\"([a-z]{2})").Groups[1].Value;
        Assert.Equal(expected, lang);
    }
}
