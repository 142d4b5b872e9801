using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Operations;

/// <summary>An e-mail waiting to be sent: written in the same transaction as the change it reports.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Ids.New();
    public DateTimeOffset CreatedAt { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }
    public string Template { get; set; } = "";
    public string Language { get; set; } = "nl";
    public Guid? RequestId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    public bool FailedPermanently { get; set; }
}
