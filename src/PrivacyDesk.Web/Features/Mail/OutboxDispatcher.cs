using System.Net.Mail;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Features.Mail;

public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>SMTP in production, a pickup folder of .eml files in development (MailKit does not restore here).</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        // Exactly one plain recipient: a stored "a@b.be, c@d.be" or "a@b.be(comment)" is refused, never split or reinterpreted.
        using var mail = new MailMessage
        {
            From = new MailAddress(o.From),
            Subject = message.Subject,
            Body = message.BodyText,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        if (!Api.CandidateInputRules.Deliverable(message.ToAddress) || string.IsNullOrWhiteSpace(message.ToAddress))
            throw new FormatException("The recipient is not one plain e-mail address.");
        mail.To.Add(new MailAddress(message.ToAddress.Trim()));
        mail.Headers.Add("X-PrivacyDesk-Message", message.Id.ToString());
        // A plain-text and an HTML part with the same words (EmailHtml builds one from the other).
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(EmailHtml.Render(message.Subject, message.BodyText, message.Language), Encoding.UTF8, "text/html"));
        using var client = new SmtpClient();
        if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
        {
            Directory.CreateDirectory(o.PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(o.PickupDirectory);
        }
        else
        {
            client.Host = o.Host ?? throw new InvalidOperationException("Mail:Host or Mail:PickupDirectory must be configured.");
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            if (!string.IsNullOrEmpty(o.UserName))
                client.Credentials = new System.Net.NetworkCredential(o.UserName, o.Password);
        }
        await client.SendMailAsync(mail, ct);
    }
}

/// <summary>
/// Sends due outbox messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so several app instances
/// share the work and each message is sent by one of them; failures back off exponentially and end as
/// "failed permanently" for staff to see, never silently dropped.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchDueAsync(int batchSize, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IMailTransport>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Outbox
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND NOT failed_permanently AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(message, ct);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
                sent++;
            }
            catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                message.Attempts++;
                message.LastError = ex.GetType().Name + ": " + ex.Message;
                message.FailedPermanently = message.Attempts >= options.Value.MaxAttempts;
                var backoff = TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, message.Attempts - 1)));
                message.NextAttemptAt = clock.GetUtcNow() + backoff;
                LogSendFailed(logger, message.Id, message.Attempts, ex.GetType().Name);
            }
            catch (FormatException)
            {
                // A malformed address never gets better: fail it at once, visibly, and go on with the others.
                // (It used to escape and stop the whole host: one hostile address was a denial of service, issue 8.)
                message.Attempts++;
                message.LastError = "FormatException: the recipient address or a header is malformed.";
                message.FailedPermanently = true;
                LogSendFailed(logger, message.Id, message.Attempts, nameof(FormatException));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, int attempts, string error);
}

/// <summary>Runs the dispatcher every few seconds while the app runs.</summary>
public sealed partial class OutboxDispatcherService(OutboxDispatcher dispatcher, IConfiguration configuration, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatch round failed; retrying on the next tick")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Mail:DispatchIntervalSeconds", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DispatchDueAsync(50, stoppingToken) > 0)
                {
                    // Keep going while there is a backlog.
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database may be briefly unavailable; try again on the next tick.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else: log it and keep dispatching; an exception escaping here would stop the whole app.
                LogDispatchFailed(logger, ex);
            }
            await Task.Delay(interval, stoppingToken);
        }
    }
}

public sealed class MailModule : Infrastructure.IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.PostConfigure<MailOptions>(o =>
        {
            if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(o.Host) && string.IsNullOrWhiteSpace(o.PickupDirectory))
                o.PickupDirectory = Path.Combine(environment.ContentRootPath, ".data", "mail-pickup");
        });
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxDispatcher>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<OutboxDispatcherService>();
    }
}
