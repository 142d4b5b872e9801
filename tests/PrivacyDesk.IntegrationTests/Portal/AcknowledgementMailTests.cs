using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Browser;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Mail;
using Xunit.Abstractions;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>
/// A portal submission sends one e-mail: the acknowledgement, which carries the e-mail verification link
/// (ID-4 step 2) next to the status link, in the request's language, with a plain-text and an HTML part.
/// </summary>
public sealed class AcknowledgementMailTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    [Theory]
    [InlineData("nl", "23 december 2026", "Bevestig eerst dat dit e-mailadres van u is")]
    [InlineData("fr", "23 décembre 2026", "Veuillez d'abord confirmer que cette adresse e-mail vous appartient")]
    [InlineData("en", "23 December 2026", "please confirm that this e-mail address is yours")]
    public async Task Should_send_one_acknowledgement_with_a_working_verification_link_ID4(string language, string dueInWords, string verifySentence)
    {
        using var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={language}&r=/");
        var (response, _, key) = await SubmitNewAsync(session, Valid("Access", "Erasure").With("Data.Language", language));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.SubmissionKey == key));

        // One message in the outbox, the acknowledgement, in the request's language, with both links.
        var queued = Assert.Single(await App.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync()));
        Assert.Equal(("request-acknowledgement", language, "an.peeters@example.be", request.Id), (queued.Template, queued.Language, queued.ToAddress, queued.RequestId!.Value));
        Assert.Contains(request.Reference, queued.Subject, StringComparison.Ordinal);
        Assert.Contains(verifySentence, queued.BodyText, StringComparison.Ordinal);
        Assert.Contains(dueInWords, queued.BodyText, StringComparison.Ordinal);
        output.WriteLine(queued.Subject + "\n\n" + queued.BodyText);
        // Links are addresses, not words: "/Requests/Verify" in a URL is not an English word in a Dutch text.
        Assert.Empty(CandidateLeaks.Find(Regex.Replace(queued.Subject + "\n" + queued.BodyText, @"https?://\S+", ""), language));

        // One e-mail really leaves, to the requester, with a plain-text and an HTML part that both carry the link.
        var dispatcher = App.Factory.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(50, CancellationToken.None) > 0)
        {
        }
        var eml = File.ReadAllText(Assert.Single(Directory.GetFiles(App.MailPickupDirectory, "*.eml")));
        Assert.Contains("an.peeters@example.be", eml[..eml.IndexOf("\r\n\r\n", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/plain", eml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/html", eml, StringComparison.OrdinalIgnoreCase);
        var decoded = PortalBrowserTests.DecodeEml(eml);
        Assert.Contains("<a href=\"http", decoded, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https?://[^\"]+/Requests/Verify\\?r=", decoded);
        var verify = LinkIn(decoded, "/Requests/Verify");
        var status = LinkIn(decoded, "/Requests/Status");

        // The link works: opening it and confirming verifies the e-mail address.
        var (_, page) = await session.GetAsync(verify);
        var (confirmed, _) = await PostFormAsync(session, page, []);
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, confirmed.StatusCode.ToString());
        var after = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal(IdentityStatus.EmailVerified, after.IdentityStatus);
        var (statusResponse, _) = await session.GetAsync(status);
        Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);

        // Confirming sends nothing more: still one e-mail for the submission.
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.RequestId == request.Id)));
    }
}
