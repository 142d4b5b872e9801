using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

public sealed class MailOptions
{
    public string From { get; set; } = "privacydesk@localhost";
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>
    /// MailKit's choice: <c>StartTls</c> (required), <c>SslOnConnect</c> (port 465), <c>StartTlsWhenAvailable</c>
    /// (the default: a relay on the same network may offer no TLS) or <c>None</c>.
    /// </summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Development: write .eml files here instead of talking SMTP.</summary>
    public string? PickupDirectory { get; set; }

    public int MaxAttempts { get; set; } = 12;

    /// <summary>
    /// The most one message may take, connect to QUIT. A server that accepts and then never answers costs this long
    /// once per dispatch round, not the 100 s per message System.Net.Mail waited.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Public address used in links inside e-mails (status page, verification, downloads).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
