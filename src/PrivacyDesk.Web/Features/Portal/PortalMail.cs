using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The candidate's e-mails from the portal, queued in the outbox in the caller's transaction, in the
/// request's language, with links built on Mail:PublicBaseUrl (reference and secret token only, no
/// personal data in any URL).
/// </summary>
public sealed class PortalMail(EmailOutbox outbox, IOptions<MailOptions> options, PrivacyDeskDbContext db, ControllerProfileCache profiles, IStringLocalizer<PortalMail> l)
{
    /// <summary>How long an e-mail verification link works (ID-4 step 2).</summary>
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromHours(48);

    /// <summary>How long a download link works.</summary>
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromDays(14);

    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    public string StatusLink(string reference, string token) => $"{Base}/Requests/Status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}";

    public string VerificationLink(string reference, string token) => $"{Base}/Requests/Verify?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(token)}";

    public string DownloadLink(string token) => $"{Base}/Requests/Download?t={Uri.EscapeDataString(token)}";

    /// <summary>
    /// The one e-mail a portal submission sends: the acknowledgement with the reference, the due date and the
    /// status link, and the e-mail verification link (ID-4 step 2) with its expiry. Requests registered by staff
    /// or through the API, whose identity is handled otherwise, get an acknowledgement without a verification
    /// link (template request-acknowledgement-registered).
    /// </summary>
    public async Task<OutboxMessage> AcknowledgeAsync(DataSubjectRequest request, string statusToken, string verificationToken, DateTimeOffset verificationExpiresAt, CancellationToken ct) =>
        outbox.Queue("request-acknowledgement", request.Language, request.RequesterEmail, new Dictionary<string, string>
        {
            ["Name"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["Rights"] = Rights(request),
            ["ReceivedOn"] = PortalFormat.Date(request.ReceivedOn, request.Language),
            ["DueOn"] = PortalFormat.Date(request.CurrentDueOn, request.Language),
            ["StatusLink"] = StatusLink(request.Reference, statusToken),
            ["ExpiresAt"] = PortalFormat.DateTime(verificationExpiresAt, request.Language),
            ["VerificationLink"] = VerificationLink(request.Reference, verificationToken),
            ["Controller"] = await ControllerAsync(),
        }, request.Id);

    /// <summary>A new verification link on its own, when the candidate asks for one (the first comes with the acknowledgement).</summary>
    public async Task<OutboxMessage> VerificationAsync(DataSubjectRequest request, string verificationToken, DateTimeOffset expiresAt, CancellationToken ct) =>
        outbox.Queue("email-verification", request.Language, request.RequesterEmail, new Dictionary<string, string>
        {
            ["Name"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["ExpiresAt"] = PortalFormat.DateTime(expiresAt, request.Language),
            ["VerificationLink"] = VerificationLink(request.Reference, verificationToken),
            ["Controller"] = await ControllerAsync(),
        }, request.Id);

    public async Task<OutboxMessage> StatusLinkAsync(DataSubjectRequest request, string statusToken, CancellationToken ct) =>
        outbox.Queue("status-link", request.Language, request.RequesterEmail, new Dictionary<string, string>
        {
            ["Name"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["StatusLink"] = StatusLink(request.Reference, statusToken),
            ["Controller"] = await ControllerAsync(),
        }, request.Id);

    public async Task<OutboxMessage> DownloadReadyAsync(DataSubjectRequest request, RequestPackage package, string downloadToken, CancellationToken ct)
    {
        string what;
        using (new LanguageScope(request.Language))
            what = l[package.Kind == PackageKind.AccessReport ? "Portal.Package.AccessReport" : "Portal.Package.PortabilityArchive"].Value;
        return outbox.Queue("download-ready", request.Language, request.RequesterEmail, new Dictionary<string, string>
        {
            ["Name"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["What"] = what,
            ["DownloadLink"] = DownloadLink(downloadToken),
            ["ExpiresAt"] = PortalFormat.DateTime(package.ExpiresAt, request.Language),
            ["Controller"] = await ControllerAsync(),
        }, request.Id);
    }

    private string Rights(DataSubjectRequest request)
    {
        using var _ = new LanguageScope(request.Language);
        return string.Join(", ", request.SubRequests.Select(s => l["Right." + s.Type].Value));
    }

    // The cached profile (as the layout and the API intake use): reading the controller's name per e-mail was a
    // tenth of the form's database round trips (docs/performance.md).
    private async Task<string> ControllerAsync() => (await profiles.GetAsync(db))?.Name ?? "PrivacyDesk";
}
