using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Queues the e-mails that report a staff decision to the requester, in the request's language.</summary>
public sealed class StaffMail(EmailOutbox outbox, ControllerProfileCache profiles, PrivacyDeskDbContext db)
{
    public async Task QueueAsync(string template, DataSubjectRequest request, IDictionary<string, string>? values = null)
    {
        if (string.IsNullOrWhiteSpace(request.RequesterEmail))
            return; // registered by post without an e-mail address: the answer goes by post (CLK-6)
        var profile = await profiles.GetAsync(db); // inside the caller's transaction: its own connection
        var all = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["Name"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["DueOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(request.CurrentDueOn, request.Language), // the reader's date format, not ISO
            ["Controller"] = profile?.Name ?? "PrivacyDesk",
        };
        outbox.Queue(template, request.Language, request.RequesterEmail, all, request.Id);
    }

    /// <summary>
    /// An e-mail to a colleague about a request, in the language saved on their account (the language switch stores it;
    /// Dutch until they choose), with the request's reference and due date in that language's format.
    /// </summary>
    public async Task QueueToStaffAsync(string template, string to, DataSubjectRequest request, IDictionary<string, string> values, CancellationToken ct)
    {
        var language = await db.Users.Where(u => u.UserName == to).Select(u => u.Language).FirstOrDefaultAsync(ct) ?? "nl";
        var all = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["Reference"] = request.Reference,
            ["DueOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(request.CurrentDueOn, language),
        };
        outbox.Queue(template, language, to, all, request.Id);
    }

    public static string Scope(DataSubjectRequest request, string language) =>
        string.Join(", ", request.SubRequests.Select(s => ReasonCatalog.RightName(s.Type).For(language)));
}
