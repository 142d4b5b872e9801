using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>
/// SMTP through MailKit (STARTTLS or TLS, optional authentication, a hard deadline per message), or a pickup folder
/// of .eml files written by MimeKit (Development, tests).
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    // CRLF like SMTP, and no folding of long encoded headers, so a pickup file reads like what a server receives.
    private static readonly FormatOptions FileFormat = CreateFileFormat();

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = Build(message, o);
        if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
        {
            var folder = Path.GetFullPath(o.PickupDirectory);
            Directory.CreateDirectory(folder);
            // Written under a temporary name and renamed: a reader of the folder never sees half a message.
            var path = Path.Combine(folder, message.Id.ToString("N") + ".eml");
            var partial = path + ".part";
            await mime.WriteToAsync(FileFormat, partial, ct);
            File.Move(partial, path, overwrite: true);
            return;
        }

        var host = o.Host ?? throw new InvalidOperationException("Mail:Host or Mail:PickupDirectory must be configured.");
        var timeout = TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, o.Port, o.Security, deadline.Token);
            if (!string.IsNullOrEmpty(o.UserName))
                await client.AuthenticateAsync(o.UserName, o.Password ?? "", deadline.Token);
            await client.SendAsync(mime, deadline.Token);
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server did not complete the exchange within {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// Exactly one plain recipient: a stored "a@b.be, c@d.be" or "a@b.be(comment)" is refused, never split or
    /// reinterpreted. The Message-ID is derived from the outbox row, so a resend carries the same one.
    /// </summary>
    public static MimeMessage Build(OutboxMessage message, MailOptions o)
    {
        if (string.IsNullOrWhiteSpace(message.ToAddress) || !Api.CandidateInputRules.Deliverable(message.ToAddress))
            throw new FormatException("The recipient is not one plain e-mail address.");
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(o.From));
        mime.To.Add(new MailboxAddress(string.Empty, message.ToAddress.Trim()));
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdFor(message.Id, o.From);
        mime.Date = message.CreatedAt;
        mime.Headers.Add("X-PrivacyDesk-Message", message.Id.ToString());
        // A plain-text and an HTML part with the same words (EmailHtml builds one from the other).
        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, message.BodyText);
        var html = new TextPart(MimeKit.Text.TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        html.SetText(Encoding.UTF8, EmailHtml.Render(message.Subject, message.BodyText, message.Language));
        mime.Body = new MultipartAlternative { text, html };
        return mime;
    }

    /// <summary>Stable per outbox message: &lt;id@domain of the sender&gt;.</summary>
    public static string MessageIdFor(Guid id, string from)
    {
        var at = from.LastIndexOf('@');
        var domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..].Trim().TrimEnd('>') : "privacydesk.local";
        return $"{id:N}@{domain}";
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.MaxLineLength = 998;
        return format;
    }
}
