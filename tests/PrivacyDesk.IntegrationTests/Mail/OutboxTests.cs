using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure.Localization;

namespace PrivacyDesk.IntegrationTests.Mail;

public sealed class OutboxTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["Name"] = "An Peeters", ["Reference"] = "PD-2026-000001", ["Rights"] = "Access", ["ReceivedOn"] = "23/11/2026",
        ["DueOn"] = "23/12/2026", ["StatusLink"] = "http://x/s", ["Controller"] = "ASAP",
    };

    [Fact]
    public async Task Should_write_queued_mail_to_the_pickup_folder_once()
    {
        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<EmailOutbox>().Queue("request-acknowledgement-registered", "nl", "an.peeters@example.be", Values);
            await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        });
        var dispatcher = App.Factory.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(1, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));

        var files = Directory.GetFiles(App.MailPickupDirectory, "*.eml");
        Assert.Single(files);
        Assert.Contains("PD-2026-000001", await File.ReadAllTextAsync(files[0]), StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.Outbox.AllAsync(m => m.SentAt != null)));
    }

    [Fact]
    public async Task Should_refuse_a_template_value_that_is_missing()
    {
        await App.WithScopeAsync(sp =>
        {
            var outbox = sp.GetRequiredService<EmailOutbox>();
            Assert.Throws<InvalidOperationException>(() => outbox.Queue("request-acknowledgement-registered", "fr", "a@b.be", new Dictionary<string, string>()));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Should_never_let_a_line_break_into_the_subject_or_recipient()
    {
        await App.WithScopeAsync(sp =>
        {
            var outbox = sp.GetRequiredService<EmailOutbox>();
            var values = new Dictionary<string, string>(Values) { ["Reference"] = "X\r\nBcc: victim@example.com" };
            var message = outbox.Queue("request-acknowledgement-registered", "en", "a@b.be", values);
            Assert.DoesNotContain('\n', message.Subject);
            Assert.DoesNotContain('\r', message.Subject);
            Assert.Throws<ArgumentException>(() => outbox.Queue("request-acknowledgement-registered", "en", "a@b.be\r\nBcc: x@y.z", Values));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public void Should_have_every_template_and_text_in_nl_fr_and_en()
    {
        var templates = App.Factory.Services.GetRequiredService<EmailTemplates>();
        foreach (var name in templates.Names)
        {
            var languages = templates.Languages(name);
            foreach (var language in new[] { "nl", "fr", "en" })
            {
                Assert.True(languages.TryGetValue(language, out var text), $"{name} lacks {language}");
                Assert.False(string.IsNullOrWhiteSpace(text!.Subject), $"{name}/{language} subject");
                Assert.False(string.IsNullOrWhiteSpace(text.Body), $"{name}/{language} body");
            }
        }
        foreach (var (key, texts) in JsonStringLocalizerFactory.Load())
        {
            foreach (var language in new[] { "nl", "fr", "en" })
                Assert.True(texts.TryGetValue(language, out var t) && !string.IsNullOrWhiteSpace(t), $"text '{key}' lacks {language}");
        }
    }
}
