using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>
/// Queues an e-mail in the outbox table, in the same transaction as the change it reports, so no
/// message is lost when the mail server is down; the dispatcher sends it later.
/// </summary>
public sealed class EmailOutbox(PrivacyDeskDbContext db, EmailTemplates templates, TimeProvider clock)
{
    public OutboxMessage Queue(string template, string language, string to, IReadOnlyDictionary<string, string> values, Guid? requestId = null)
    {
        if (string.IsNullOrWhiteSpace(to) || to.Contains('\n', StringComparison.Ordinal) || to.Contains('\r', StringComparison.Ordinal))
            throw new ArgumentException("A single, valid recipient address is required.", nameof(to));
        var text = templates.Render(template, language, values);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            CreatedAt = now,
            NextAttemptAt = now,
            ToAddress = to.Trim(),
            Subject = text.Subject,
            BodyText = text.Body,
            Template = template,
            Language = language,
            RequestId = requestId,
        };
        db.Outbox.Add(message);
        return message;
    }
}
