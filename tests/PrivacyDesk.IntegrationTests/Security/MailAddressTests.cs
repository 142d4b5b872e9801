using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Mail;

namespace PrivacyDesk.IntegrationTests.Security;

/// <summary>
/// Found by sqlmap (docs/security.md): an API requester e-mail like "an@example.be(…" passed the lax
/// EmailAddress() check, was queued, and the outbox dispatcher's FormatException stopped the whole app.
/// Now the API refuses such addresses, and a malformed address already in the outbox fails alone.
/// </summary>
public sealed class MailAddressTests(AppFixture app) : ApiTest(app)
{
    [Theory]
    [InlineData("an.peeters@example.be(SELECT 1)")]
    [InlineData("an.peeters@example.be'")]
    [InlineData("an.peeters@example.be,victim@example.com")]
    [InlineData("\"An\" <an.peeters@example.be>")]
    [InlineData("an.peeters@example.be\r\nBcc: victim@example.com")]
    [InlineData("an.peeters@example.be%0d%0aBcc:victim@example.com")]
    [InlineData("an peeters@example.be")]
    public async Task Should_refuse_a_requester_address_the_mailer_would_not_take_as_one_recipient(string email)
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["requester"]!["email"] = email;

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("requester.email"), problem.ToJsonString());
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Should_fail_a_malformed_outbox_address_alone_and_still_send_the_others()
    {
        var now = App.Clock.GetUtcNow();
        await App.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage { CreatedAt = now, NextAttemptAt = now, ToAddress = "an@example.be(SELECT 1)", Subject = "a", BodyText = "a", Template = "t" });
            db.Outbox.Add(new OutboxMessage { CreatedAt = now.AddSeconds(1), NextAttemptAt = now.AddSeconds(1), ToAddress = "an@example.be, everyone@example.com", Subject = "b", BodyText = "b", Template = "t" });
            db.Outbox.Add(new OutboxMessage { CreatedAt = now.AddSeconds(2), NextAttemptAt = now.AddSeconds(2), ToAddress = "an.peeters@example.be", Subject = "c", BodyText = "c", Template = "t" });
            await db.SaveChangesAsync();
            return 0;
        });
        App.Clock.Advance(TimeSpan.FromSeconds(5));

        var sent = await App.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None);

        Assert.Equal(1, sent);
        var messages = await App.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());
        Assert.True(messages[0].FailedPermanently && messages[1].FailedPermanently);
        Assert.NotNull(messages[2].SentAt);
        Assert.Single(Directory.GetFiles(App.MailPickupDirectory, "*.eml")); // the list was not split into two recipients
    }
}
