using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>Language normalisation of the portal, e-mails and deliverables (no database needed).</summary>
public sealed class PortalFormatTests
{
    [Theory]
    [InlineData("fr", "fr")]
    [InlineData(" FR-be ", "fr")]
    [InlineData("fr-BE", "fr")]
    [InlineData("En", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("nl", "nl")]
    [InlineData("de", "nl")]
    [InlineData("", "nl")]
    [InlineData(null, "nl")]
    [InlineData("  ", "nl")]
    [InlineData("f", "nl")]
    public void Normalize_maps_any_code_to_nl_fr_or_en(string? language, string expected)
    {
        Assert.Equal(expected, PortalFormat.Normalize(language));
        Assert.Equal(expected, PortalFormat.Culture(language).TwoLetterISOLanguageName);
    }

    [Fact]
    public void Dates_are_written_in_the_language_asked()
    {
        var date = new DateOnly(2026, 12, 23);
        Assert.Equal("23 december 2026", PortalFormat.Date(date, "nl"));
        Assert.Equal("23 décembre 2026", PortalFormat.Date(date, "fr"));
        Assert.Equal("23 December 2026", PortalFormat.Date(date, "en"));
    }
}
