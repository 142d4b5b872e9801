using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

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

        using var again = new HtmlSession(App);
        var (_, login) = await again.GetAsync("/Account/Login");
        var credentials = new Dictionary<string, string> { ["Data.Email"] = "totp@test.local", ["Data.Password"] = HtmlSession.Password };
        var (asked, codePage) = await again.SubmitAsync(login, credentials, "main form");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.NotNull(codePage.QuerySelector("input[name='Data.Code']"));
        credentials["Data.Code"] = recovery[0];
        var (signedIn, _) = await again.SubmitAsync(codePage, credentials, "main form");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
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
