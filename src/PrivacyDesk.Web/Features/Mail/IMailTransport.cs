using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
