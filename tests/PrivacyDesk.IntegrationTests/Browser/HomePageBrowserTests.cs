using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;

namespace PrivacyDesk.IntegrationTests.Browser;

public sealed class HomePageBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_render_the_home_page_without_serious_accessibility_violations(string language)
    {
        await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") }, Roles.Admin);
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/Language?c={language}&r=/");

        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(7, await page.Locator(".right-card").CountAsync());
        await BrowserHost.ScreenshotAsync(page, $"home-{language}");
        var violations = await BrowserHost.AxeSeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_reach_the_skip_link_first_with_the_keyboard()
    {
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Context.CloseAsync();
    }
}
