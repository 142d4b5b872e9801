using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.SignIn;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

public sealed class TwoFactorTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_enable_totp_with_the_qr_code_and_then_ask_for_the_code_at_sign_in()
    {
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo, "totp@test.local");
        var (_, page) = await dpo.GetAsync("/Staff/TwoFactor");
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img.qr")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = page.QuerySelector(".authenticator-key")!.TextContent.Trim();

        var (_, wrong) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Data.Code"] = "000000" }, "main form[method=post]");
        Assert.NotNull(wrong.QuerySelector(".error-summary li"));

        var (_, enabled) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Data.Code"] = Totp(key) }, "main form[method=post]");
        var recovery = enabled.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Count);

        // The password step sends to the code page (Identity's two-factor cookie), which keeps the page asked for.
        using var again = new HtmlSession(App);
        var (_, login) = await again.GetAsync("/Account/Login?ReturnUrl=%2FDpo%2FDashboard");
        var credentials = new Dictionary<string, string> { ["Data.Email"] = "totp@test.local", ["Data.Password"] = HtmlSession.Password };
        var (asked, _) = await again.SubmitAsync(login, credentials, "main form");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/Account/LoginWith2fa?ReturnUrl=%2FDpo%2FDashboard", asked.Headers.Location!.OriginalString);
        var (_, codePage) = await again.FollowAsync(asked);
        Assert.NotNull(codePage.QuerySelector("input[name='Data.Code']"));
        Assert.Null(codePage.QuerySelector("input[name='Data.Password']"));

        var (wrongCode, wrongPage) = await again.SubmitAsync(codePage, new Dictionary<string, string> { ["Data.Code"] = "12345" }, "main form");
        Assert.Equal(HttpStatusCode.OK, wrongCode.StatusCode);
        Assert.Contains("Vul de 6-cijferige code uit de app in.", wrongPage.QuerySelector("#code-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/Dpo/Dashboard")).Response.StatusCode); // not signed in yet
        var (wrongTotp, _) = await again.SubmitAsync(codePage, new Dictionary<string, string> { ["Data.Code"] = "000000" }, "main form");
        Assert.Equal(HttpStatusCode.OK, wrongTotp.StatusCode);
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "totp@test.local").Select(u => u.Id).FirstAsync());
        var failure = Assert.Single(await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Type == SignInGuard.FailedEvent).ToListAsync()));
        Assert.Contains(userId.ToString(), failure.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("totp@test.local", failure.Summary, StringComparison.Ordinal);

        var (signedIn, _) = await again.SubmitAsync(codePage, new Dictionary<string, string> { ["Data.Code"] = Totp(key) }, "main form");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/Dpo/Dashboard", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Dpo/Dashboard")).Response.StatusCode);

        // Without the phone: a recovery code on its own page, once.
        using var third = new HtmlSession(App);
        var (_, login3) = await third.GetAsync("/Account/Login");
        await third.SubmitAsync(login3, credentials, "main form");
        var (_, recoveryPage) = await third.GetAsync("/Account/LoginWithRecoveryCode");
        var (used, _) = await third.SubmitAsync(recoveryPage, new Dictionary<string, string> { ["Data.RecoveryCode"] = recovery[0] }, "main form");
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/Staff", used.Headers.Location!.OriginalString);
        Assert.Equal(2, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == StaffRegistration.SignedInEvent && e.Summary.Contains("two-factor"))));

        using var fourth = new HtmlSession(App);
        var (_, login4) = await fourth.GetAsync("/Account/Login");
        await fourth.SubmitAsync(login4, credentials, "main form");
        var (_, recoveryAgain) = await fourth.GetAsync("/Account/LoginWithRecoveryCode");
        var (reused, reusedPage) = await fourth.SubmitAsync(recoveryAgain, new Dictionary<string, string> { ["Data.RecoveryCode"] = recovery[0] }, "main form");
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.NotNull(reusedPage.QuerySelector("#recovery-error")!.TextContent.Trim());
        Assert.Equal(2, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == SignInGuard.FailedEvent)));
    }

    [Theory]
    [InlineData("/Account/LoginWith2fa")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    public async Task Should_send_the_code_pages_to_login_without_a_pending_two_factor_sign_in(string page)
    {
        using var session = new HtmlSession(App);
        var (get, _) = await session.GetAsync(page + "?ReturnUrl=%2FDpo%2FQueue");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2FDpo%2FQueue", get.Headers.Location!.OriginalString);

        // A signed-in staff member without a pending second step is no exception, and a post is refused the same way.
        await session.SignInAsync(Roles.BackOffice);
        var (_, login) = await session.GetAsync("/Account/Login");
        var (post, _) = await session.SubmitAsync(login, new Dictionary<string, string> { ["Data.Code"] = "123456", ["Data.RecoveryCode"] = "AAAAA-BBBBB" }, "main form", action: page);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/Login", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == StaffRegistration.SignedInEvent && e.Summary.Contains("two-factor"))));
    }

    /// <summary>RFC 6238 with the Identity defaults (HMAC-SHA1, 30 s, 6 digits); Identity checks the real clock.</summary>
    internal static string Totp(string base32Key)
    {
        var key = FromBase32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0xf;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in input.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
