using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>
/// Sends due outbox messages, with no transaction open while talking to the mail server: (1) claim a batch in one
/// short statement (FOR UPDATE SKIP LOCKED, so several instances share the work; the claim pushes
/// <c>next_attempt_at</c> past the time the batch may take, a lease a crashed instance cannot renew), (2) send
/// each message, (3) record each outcome at once in its own statement. Delivery is at least once: a message is
/// sent again only when its instance stops between the server's acceptance and that single update (or the
/// database is unreachable for it), and then under the same Message-ID, so receivers can drop the copy.
/// Failures back off exponentially and end as "failed permanently" for staff to see, never silently dropped.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchDueAsync(int batchSize, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var transport = scope.ServiceProvider.GetRequiredService<IMailTransport>();
        var now = clock.GetUtcNow();
        // Long enough for every message of the batch to use its whole timeout, plus a margin.
        var leaseUntil = now + TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds) * (batchSize + 1) + 60);
        var due = await db.Outbox
            .FromSql($"""
                UPDATE outbox_messages SET next_attempt_at = {leaseUntil}
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND NOT failed_permanently AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .AsNoTracking()
            .ToListAsync(ct);
        var sent = 0;
        Exception? serverDown = null;
        foreach (var message in due.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt))
        {
            if (serverDown is not null)
            {
                // The server did not answer for an earlier message of this round: these wait with it instead of
                // each spending a full timeout on the same silent server.
                await RecordFailureAsync(db, message, serverDown, permanent: false);
                continue;
            }
            try
            {
                await transport.SendAsync(message, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw; // shutting down: the lease makes the rest due again later
            }
            catch (FormatException ex)
            {
                // A malformed address never gets better: fail it at once, visibly, and go on with the others
                // (it used to escape and stop the whole host: one hostile address was a denial of service).
                await RecordFailureAsync(db, message, ex, permanent: true);
                continue;
            }
            catch (MailKit.Net.Smtp.SmtpCommandException ex)
            {
                // The server answered and refused this message (e.g. the recipient): the others may still go.
                await RecordFailureAsync(db, message, ex, permanent: false);
                continue;
            }
#pragma warning disable CA1031 // whatever else failed is recorded on the message and retried; it must not stop the other messages
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Connection, TLS, authentication, timeout: the server is unusable for this round.
                serverDown = ex;
                await RecordFailureAsync(db, message, ex, permanent: false);
                continue;
            }
            // Recorded per message, right after the server accepted it: a later failure cannot resend it.
            await db.Outbox.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, clock.GetUtcNow()).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            sent++;
        }
        return sent;
    }

    private async Task RecordFailureAsync(PrivacyDeskDbContext db, OutboxMessage message, Exception ex, bool permanent)
    {
        var attempts = message.Attempts + 1;
        var failed = permanent || attempts >= options.Value.MaxAttempts;
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts - 1)));
        // The exception type and the server's reply code only: messages can quote the recipient.
        var error = ex switch
        {
            FormatException => "FormatException: the recipient address or a header is malformed.",
            MailKit.Net.Smtp.SmtpCommandException c => $"{ex.GetType().Name}: {c.ErrorCode} ({(int)c.StatusCode})",
            _ => ex.GetType().Name + ": " + ex.Message,
        };
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(m => m.FailedPermanently, failed)
            .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow() + backoff), CancellationToken.None);
        LogSendFailed(logger, message.Id, attempts, ex.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, int attempts, string error);
}
