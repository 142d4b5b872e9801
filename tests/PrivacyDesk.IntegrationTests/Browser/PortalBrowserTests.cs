using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Packages;

namespace PrivacyDesk.IntegrationTests.Browser;

/// <summary>
/// The portal's browser journey in Chromium: a Dutch access request from the form, the verification link from the
/// pickup folder, the status page, approval through the handlers, and the download of the report. A
/// screenshot of each step goes to TestResults/screenshots; the form's one is the README's picture.
/// </summary>
public sealed partial class PortalBrowserTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_take_a_dutch_access_request_from_form_to_downloaded_report()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.FirstName = "An";
            c.LastName = "Peeters";
            c.Email = "an.peeters@example.be";
            c.DateOfBirth = new DateOnly(1990, 4, 17);
        });
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync("nl-BE", 1100, 900);

        // 1. The form, in Dutch, access preselected from the home page's link.
        await page.GotoAsync("/Language?c=nl&r=/");
        await page.ClickAsync("a[href='/Requests/New?type=Access']");
        Assert.True(await page.IsCheckedAsync("#type-Access"));
        Assert.False(await page.IsVisibleAsync("#details-Erasure")); // progressive enhancement hides the other rights' questions
        await page.FillAsync("#Data_FirstName", "An");
        await page.FillAsync("#Data_LastName", "Peeters");
        await page.FillAsync("#Data_Email", "an.peeters@example.be");
        await page.FillAsync("#Data_Phone", "+32 470 12 34 56");
        await page.FillAsync("#Data_DateOfBirth", "1990-04-17");
        await page.CheckAsync("#Data_ContactConsent");
        await BrowserHost.ScreenshotAsync(page, "portal-1-request-form");
        CopyToDocs("portal-1-request-form", "request-form.png");

        // 2. Confirmation (PRG, no personal data in the URL).
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/Requests/Submitted\\?key="));
        Assert.DoesNotContain("peeters", page.Url, StringComparison.OrdinalIgnoreCase);
        var reference = (await page.TextContentAsync(".reference"))!.Trim();
        Assert.Matches("^PD-2026-\\d{6}$", reference);
        Assert.Contains("23 december 2026", await page.TextContentAsync(".due-date"), StringComparison.Ordinal);
        await BrowserHost.ScreenshotAsync(page, "portal-2-submitted");

        // 3. The acknowledgement with the verification link, written to the pickup folder by the outbox dispatcher: one e-mail.
        var mails = await DispatchAsync();
        Assert.Single(mails);
        var verify = LinkInMail(mails, "Bevestig eerst dat dit e-mailadres", "/Requests/Verify");
        await page.GotoAsync(verify);
        await BrowserHost.ScreenshotAsync(page, "portal-3-verify");
        await page.ClickAsync("form button[type=submit]");
        Assert.Contains("Wij herkennen u", await page.TextContentAsync(".flash"), StringComparison.Ordinal);
        await BrowserHost.ScreenshotAsync(page, "portal-4-verified");

        // 4. The status page, from the acknowledgement e-mail.
        var status = LinkInMail(mails, "Wij ontvingen uw verzoek", "/Requests/Status");
        await page.GotoAsync(status);
        Assert.Contains(reference, await page.TextContentAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("In behandeling", await page.TextContentAsync(".status-text"), StringComparison.Ordinal);
        Assert.Contains("Uw identiteit is nagegaan", await page.TextContentAsync(".timeline"), StringComparison.Ordinal);
        await BrowserHost.ScreenshotAsync(page, "portal-5-status");

        // 5. Staff approve through the handlers; the report is built and its link mailed.
        var request = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Reference == reference));
        Assert.Equal(candidate.Id, request.CandidateId);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.SingleAsync(x => x.Id == request.Id);
            r.Decide(DecisionOutcome.Approved, null, App.Clock.GetUtcNow(), "dpo@test");
            await db.SaveChangesAsync();
            return 0;
        });
        await App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = request.SubRequests.Single().Id }, Roles.Dpo);
        var download = LinkInMail(await DispatchAsync(), "U kunt het downloaden", "/Requests/Download");

        // 6. The download page and the file.
        await page.GotoAsync(download);
        await BrowserHost.ScreenshotAsync(page, "portal-6-download");
        var file = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.button.primary"));
        Assert.Equal($"{reference}-access-report.html", file.SuggestedFilename);
        var path = Path.Combine(BrowserHost.ScreenshotDirectory, "portal-access-report.html");
        await file.SaveAsAsync(path);
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("Ja. Hieronder vindt u", html, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Packages.Select(p => p.DownloadCount).SingleAsync()));

        // 7. The report itself, readable and printable.
        var report = await browser.NewPageAsync("nl-BE", 1000, 900);
        await report.SetContentAsync(html);
        Assert.Equal("Uw persoonsgegevens: antwoord op uw verzoek om inzage", await report.TextContentAsync("h1"));
        await BrowserHost.ScreenshotAsync(report, "portal-7-access-report");
        await report.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Should_have_no_serious_accessibility_violations_on_the_portal_pages(string language)
    {
        await App.ImportPackAsync("asap");
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync(BrowserHost.Locale(language), 390, 844); // a phone
        await page.GotoAsync($"/Language?c={language}&r=/Requests/New");
        var problems = new List<string>();

        await CheckAsync(page, "new", problems);
        await page.ClickAsync("#type-Rectification");
        await page.ClickAsync("#type-Objection");
        await page.ClickAsync("button[type=submit]"); // nothing filled in: the error state
        Assert.True(await page.IsVisibleAsync(".error-summary"));
        Assert.Equal("error-summary-title", await page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-labelledby')"));
        await CheckAsync(page, "new-errors", problems);

        await page.ClickAsync("#type-Rectification");
        await page.ClickAsync("#type-Objection");
        await page.CheckAsync("#type-Access");
        await page.FillAsync("#Data_FirstName", "Jan");
        await page.FillAsync("#Data_LastName", "Janssens");
        await page.FillAsync("#Data_Email", $"jan.{language}@example.be");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/Requests/Submitted"));
        await CheckAsync(page, "submitted", problems);

        var request = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.RequesterEmail == $"jan.{language}@example.be"));
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.Include(x => x.WaitingPeriods).SingleAsync(x => x.Id == request.Id);
            var now = App.Clock.GetUtcNow();
            r.AskDataSubject(WaitingReason.Identity, "Same name as another candidate.", true, Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
            r.AddMessage(false, false, "dpo@test", "Welk postadres hebben wij van u?", now);
            await db.SaveChangesAsync();
            return 0;
        });
        await page.GotoAsync(await PortalTestKit.LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", request.Id));
        Assert.True(await page.IsVisibleAsync("input[type=file]"));
        await CheckAsync(page, "status", problems);
        await page.GotoAsync(await PortalTestKit.LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Verify", request.Id));
        await CheckAsync(page, "verify", problems);
        await page.GotoAsync("/Requests/Find");
        await CheckAsync(page, "find", problems);
        await page.ClickAsync("button[type=submit]");
        await CheckAsync(page, "find-errors", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.CloseAsync();

        async Task CheckAsync(IPage p, string name, List<string> found)
        {
            Assert.Equal(language, await p.GetAttributeAsync("html", "lang"));
            await BrowserHost.ScreenshotAsync(p, $"portal-a11y-{name}-{language}");
            found.AddRange((await BrowserHost.AxeSeriousViolationsAsync(p)).Select(v => $"{name}/{language}: {v}"));
        }
    }

    [Fact]
    public async Task Should_keep_the_page_when_switching_language()
    {
        var browser = await App.BrowserAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Requests/Find");

        await page.ClickAsync(".lang-switch a[lang=fr]");

        Assert.EndsWith("/Requests/Find", page.Url, StringComparison.Ordinal);
        Assert.Equal("Suivre ma demande", (await page.TextContentAsync("h1"))!.Trim());
        await page.Context.CloseAsync();
    }

    private async Task<IReadOnlyList<string>> DispatchAsync()
    {
        var dispatcher = App.Factory.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(50, CancellationToken.None) > 0)
        {
            // Until the outbox is empty.
        }
        return Directory.GetFiles(App.MailPickupDirectory, "*.eml").Select(f => DecodeEml(File.ReadAllText(f))).ToList();
    }

    /// <summary>The link to a page in the (decoded) mail whose text contains the marker, relative to the browser host.</summary>
    private static string LinkInMail(IReadOnlyList<string> mails, string marker, string path)
    {
        var mail = mails.Last(m => m.Contains(marker, StringComparison.Ordinal));
        return PortalTestKit.LinkIn(mail, path);
    }

    /// <summary>Headers as they are, the body decoded from base64 or quoted-printable (System.Net.Mail pickup files).</summary>
    public static string DecodeEml(string eml)
    {
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = eml[..split];
        var body = eml[(split + 4)..];
        var subject = Regex.Match(headers, @"^Subject: (.*)$", RegexOptions.Multiline).Groups[1].Value;
        if (subject.StartsWith("=?utf-8?", StringComparison.OrdinalIgnoreCase))
            subject = string.Concat(Regex.Matches(subject, @"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase).Select(m =>
                m.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value)) : DecodeQuotedPrintable(m.Groups[2].Value.Replace('_', ' '))));
        // Every e-mail has a plain-text and an HTML part (multipart/alternative): each part is decoded on its own.
        var boundary = Regex.Match(headers, "boundary=\"?([^\";\r\n]+)\"?", RegexOptions.IgnoreCase).Groups[1].Value;
        if (boundary.Length > 0)
        {
            var parts = body.Split("--" + boundary).Select(p => p.TrimStart('\r', '\n')).Where(p => p.Contains("\r\n\r\n", StringComparison.Ordinal));
            return subject + "\n" + string.Join("\n", parts.Select(p =>
            {
                var at = p.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                return DecodePart(p[..at], p[(at + 4)..]);
            }));
        }
        return subject + "\n" + DecodePart(headers, body);
    }

    private static string DecodePart(string headers, string body)
    {
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")));
        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
            return DecodeQuotedPrintable(body);
        return body;
    }

    private static string DecodeQuotedPrintable(string text)
    {
        text = text.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void CopyToDocs(string screenshot, string name)
    {
        var docs = Path.Combine(BrowserHost.RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(Path.Combine(BrowserHost.ScreenshotDirectory, screenshot + ".png"), Path.Combine(docs, name), overwrite: true);
    }
}
