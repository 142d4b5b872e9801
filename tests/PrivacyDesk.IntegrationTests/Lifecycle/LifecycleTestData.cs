using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

internal static class LifecycleTestData
{
    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>10:00 Brussels on the given day (winter or summer time, UTC is what the clock holds).</summary>
    public static DateTimeOffset At(string iso)
    {
        var local = D(iso).ToDateTime(new TimeOnly(10, 0));
        return new DateTimeOffset(local, PrivacyDesk.Domain.Deadlines.BrusselsTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A request registered by staff, not linked to anyone yet (identity open).</summary>
    public static async Task<Guid> RegisteredAsync(AppFixture app, string language = "en")
    {
        var result = await app.SendAsync(new RegisterRequest.Command
        {
            Channel = Channel.Email,
            ReceivedOn = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(app.Clock.GetUtcNow()),
            Language = language,
            Requester = new() { FirstName = "Lotte", LastName = "Maes", Email = "lotte.maes@example.be" },
            Types = [RequestType.Access],
        }, Roles.Dpo);
        return result.Id;
    }

    public static async Task<uint> VersionAsync(AppFixture app, Guid id) =>
        await app.WithDbAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Version).SingleAsync());

    public static async Task AskAsync(AppFixture app, Guid id, WaitingReason reason = WaitingReason.Identity, bool necessary = true) =>
        await app.SendAsync(new AskRequester.Command
        {
            RequestId = id, Version = await VersionAsync(app, id), Reason = reason, Necessary = necessary,
            Why = "Two candidates share this name and e-mail domain (ID-1).", Message = "Please send a copy of your identity card.",
        }, Roles.Dpo);

    public static async Task AnswerAsync(AppFixture app, Guid id, DateOnly? on = null) =>
        await app.SendAsync(new RecordAnswer.Command
        {
            RequestId = id, Version = await VersionAsync(app, id), Summary = "Copy of the identity card by post", ReceivedOn = on,
        }, Roles.Dpo);

    /// <summary>What the portal's upload stores: an encrypted copy of an identity document (ID-6).</summary>
    public static Task AddProofAsync(AppFixture app, Guid id) => app.WithScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<PrivacyDesk.Web.Features.Portal.IdentityProofStore>();
        store.Add(id, "id-card.pdf", "application/pdf", "%PDF-1.4 identity card"u8.ToArray());
        await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
    });

    public static Task<List<RequestAttachment>> ProofsAsync(AppFixture app, Guid id) =>
        app.WithDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.RequestId == id).ToListAsync());

    public static Task<DataSubjectRequest> LoadAsync(AppFixture app, Guid id) =>
        app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.WaitingPeriods).FirstAsync(r => r.Id == id));

    public static Task<List<(string Type, string Summary)>> EventsAsync(AppFixture app, Guid id) =>
        app.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.Sequence)
            .Select(e => new { e.Type, e.Summary }).ToListAsync()).Select(e => (e.Type, e.Summary)).ToList());

    public static Task<List<(string Template, string Body)>> MailAsync(AppFixture app, Guid id) =>
        app.WithDbAsync(async db => (await db.Outbox.AsNoTracking().Where(o => o.RequestId == id).OrderBy(o => o.CreatedAt)
            .Select(o => new { o.Template, o.BodyText }).ToListAsync()).Select(o => (o.Template, o.BodyText)).ToList());

    /// <summary>Runs the daily waiting job with the given CLK-4 switches (the app's own configuration when null).</summary>
    public static async Task<WaitingLifecycleJob.Report> RunJobAsync(AppFixture app, int? reminderDays = null, int? abandonDays = null)
    {
        WaitingLifecycleJob.Report report = null!;
        await app.WithScopeAsync(async sp =>
        {
            var rules = sp.GetRequiredService<RulesConfiguration>();
            if (reminderDays is not null || abandonDays is not null)
            {
                rules = new RulesConfiguration
                {
                    Clock = rules.Clock with
                    {
                        WaitingReminderDays = reminderDays ?? rules.Clock.WaitingReminderDays,
                        AbandonAfterDays = abandonDays ?? rules.Clock.AbandonAfterDays,
                    },
                };
            }
            var job = new WaitingLifecycleJob(sp.GetRequiredService<PrivacyDeskDbContext>(), sp.GetRequiredService<DeadlineService>(), rules,
                new WaitingMail(sp.GetRequiredService<StaffMail>(), rules), sp.GetRequiredService<TimeProvider>());
            report = await job.RunAsync(CancellationToken.None);
        });
        return report;
    }
}
