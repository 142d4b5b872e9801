using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// Chromium: the saved default queue view (nl), and the queue, the account menu and the sign-in pages
/// (password, idle message, code, recovery code) in nl, fr and en at 1280×800 and 390×844: axe clean, no
/// leak in nl and fr, no horizontal scrolling. Screenshots under TestResults/screenshots.
/// </summary>
public sealed class QueueAndSignInBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_save_the_filtered_queue_as_default_view_and_open_on_it_in_dutch()
    {
        await App.AddRequestAsync(null, RequestType.Access);
        var erasure = await App.AddRequestAsync(null, RequestType.Erasure);
        var browser = await App.BrowserAsync();
        var dpo = await SignInAsync(browser, "dpo.view.nl@test.local", "nl", 1280, 800);

        await dpo.GotoAsync("/Dpo/Queue");
        await dpo.SelectOptionAsync("#q-type", "Erasure");
        await dpo.ClickAsync("form.filters button[type=submit]");
        await dpo.WaitForURLAsync("**Type=Erasure**");
        await dpo.ClickAsync("form[action*='handler=SaveView'] button");
        await dpo.WaitForSelectorAsync("p.flash[role=status]");
        Assert.Contains("standaardweergave is bewaard", await dpo.InnerTextAsync("p.flash[role=status]"), StringComparison.Ordinal);

        await dpo.ClickAsync($"header nav.staff-nav a[href='/Dpo/Queue']");
        await dpo.WaitForSelectorAsync("p.default-view");
        Assert.Equal(1, await dpo.Locator("table.queue tbody tr").CountAsync());
        Assert.Contains(erasure.Reference, await dpo.InnerTextAsync("table.queue"), StringComparison.Ordinal);
        Assert.Equal("Erasure", await dpo.InputValueAsync("#q-type"));
        Assert.Empty(new LeakDetector("nl").Find(await StaffWorkspaceBrowserTests.VisibleTextAsync(dpo)));

        await dpo.ClickAsync("p.default-view a");
        await dpo.WaitForURLAsync("**View=all**");
        Assert.Equal(2, await dpo.Locator("table.queue tbody tr").CountAsync());
        await dpo.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_show_the_queue_account_menu_and_sign_in_pages_clean_at_laptop_and_phone_width(string language)
    {
        for (var i = 0; i < 3; i++)
            await App.AddRequestAsync(null, i == 0 ? RequestType.Erasure : RequestType.Access);
        var browser = await App.BrowserAsync();
        var problems = new List<string>();
        LeakDetector? detector = language == "en" ? null : new LeakDetector(language);

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var shot = $"{language}-{width}";
            var dpo = await SignInAsync(browser, $"dpo.walk.{language}.{width}@test.local", language, width, height);
            await dpo.GotoAsync("/Dpo/Queue?Type=Erasure");
            await dpo.ClickAsync("form[action*='handler=SaveView'] button");
            await dpo.WaitForSelectorAsync("p.flash[role=status]");
            await dpo.GotoAsync("/Dpo/Queue");
            await dpo.WaitForSelectorAsync("p.default-view");
            await CheckAsync(dpo, "queue with the default view", fit: width == 1280);
            await dpo.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"queue-view-{shot}.png") });
            await dpo.ClickAsync("details.account-menu summary");
            await dpo.WaitForSelectorAsync(".account-menu-panel a[href='/Staff/TwoFactor']");
            // The header's white link colour must not reach the white panel (axe misses text over an absolutely placed box).
            var colours = await dpo.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.account-menu-panel a, .account-menu-panel button, .account-name')].map(e => getComputedStyle(e).color)");
            if (colours.Length < 5 || colours.Any(c => c == "rgb(255, 255, 255)"))
                problems.Add($"account menu ({width} px): text colours {string.Join(", ", colours)}");
            await CheckAsync(dpo, "account menu open", fit: width == 1280);
            await dpo.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"account-menu-{shot}.png") });
            await dpo.Context.CloseAsync();

            var visitor = await browser.NewPageAsync(language == "fr" ? "fr-BE" : "nl-BE", width, height);
            await visitor.GotoAsync($"/Language?c={language}&r={Uri.EscapeDataString("/Account/Login?ReturnUrl=%2FDpo%2FQueue&signedOut=idle")}");
            await visitor.WaitForSelectorAsync("p.signed-out-idle");
            await CheckAsync(visitor, "login after an idle sign-out", fit: true);
            await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"login-idle-{shot}.png") });

            var email = $"dpo.2fa.{language}.{width}@test.local";
            await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
            await App.WithScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<StaffUser>>();
                var user = (await users.FindByNameAsync(email))!;
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            });
            await visitor.FillAsync("#Data_Email", email);
            await visitor.FillAsync("#Data_Password", HtmlSession.Password);
            await visitor.ClickAsync("main button[type=submit]");
            await visitor.WaitForURLAsync("**/Account/LoginWith2fa**");
            await CheckAsync(visitor, "code page", fit: true);
            await visitor.FillAsync("#Data_Code", "12");
            await visitor.ClickAsync("main button[type=submit]");
            await visitor.WaitForSelectorAsync("#code-error:not(:empty)");
            await CheckAsync(visitor, "code page with an error", fit: true);
            await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"login-code-{shot}.png") });
            await visitor.ClickAsync("main a[href*='LoginWithRecoveryCode']");
            await visitor.WaitForURLAsync("**/Account/LoginWithRecoveryCode**");
            await visitor.FillAsync("#Data_RecoveryCode", "XXXXX-XXXXX");
            await visitor.ClickAsync("main button[type=submit]");
            await visitor.WaitForSelectorAsync("#recovery-error:not(:empty)");
            await CheckAsync(visitor, "recovery code page with an error", fit: true);
            await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"login-recovery-{shot}.png") });
            await visitor.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

        async Task CheckAsync(IPage page, string name, bool fit)
        {
            var at = $"{name} ({page.ViewportSize?.Width} px)";
            if (await page.GetAttributeAsync("html", "lang") != language)
                problems.Add($"{at}: html lang is not {language}");
            problems.AddRange((await BrowserHost.AxeSeriousViolationsAsync(page)).Select(v => $"{at}: {v}"));
            if (detector is not null)
                problems.AddRange(detector.Find(await StaffWorkspaceBrowserTests.VisibleTextAsync(page)).Select(p => $"{at}: {p}"));
            if (fit)
            {
                var (scroll, inner) = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]") is [var s, var i] ? (s, i) : (0, 0);
                if (scroll > inner)
                    problems.Add($"{at}: {scroll} px wide at {inner} px");
            }
        }
    }

    private async Task<IPage> SignInAsync(BrowserHost browser, string email, string language, int width, int height)
    {
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        var page = await browser.NewPageAsync(language == "fr" ? "fr-BE" : "nl-BE", width, height);
        await page.GotoAsync($"/Language?c={language}&r=/Account/Login");
        await page.FillAsync("#Data_Email", email);
        await page.FillAsync("#Data_Password", HtmlSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }
}
