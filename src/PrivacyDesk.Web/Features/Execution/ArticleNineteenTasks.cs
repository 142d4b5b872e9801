using System.Globalization;
using System.Text;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// The back-office work a carried-out case leaves (2.0.7, ER-6): one Art. 19 notification per recipient
/// that received the data — the purposes' processors and authorities, and every client company in the
/// client ledger — with a prepared message; erasure outside PrivacyDesk; and the final answer.
/// </summary>
public sealed class ArticleNineteenTasks(PrivacyDeskDbContext db, EmailTemplates templates, TimeProvider clock)
{
    /// <summary>Rights that reach recipients (2.0.7): rectification, erasure, restriction, withdrawal (CW-4), marketing objection (CLK-DM).</summary>
    private static readonly RequestType[] Notifying =
        [RequestType.Rectification, RequestType.Erasure, RequestType.Restriction, RequestType.ConsentWithdrawal, RequestType.Objection];

    private static readonly PlanOutcome[] Acting =
        [PlanOutcome.Correct, PlanOutcome.AddStatement, PlanOutcome.Erase, PlanOutcome.Anonymise, PlanOutcome.Restrict, PlanOutcome.KeepRestrictedUntil, PlanOutcome.StopProcessing];

    /// <summary>The controller's default language: a recipient's own language is not recorded in the register.</summary>
    public const string RecipientLanguage = "nl";

    public async Task CreateAsync(DataSubjectRequest request, IReadOnlyDictionary<Guid, RequestPlan> plans, CancellationToken ct)
    {
        // The final-answer task is written last, in the same transaction: when it exists, all were created.
        if (await db.Tasks.AnyAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.SendFinalAnswer, ct))
            return;
        var now = clock.GetUtcNow();
        var relevant = request.SubRequests
            .Where(s => Notifying.Contains(s.Type) && s.ExecutedAt is not null && plans.ContainsKey(s.Id))
            .Select(s => (Sub: s, Plan: plans[s.Id]))
            .Where(x => !x.Plan.NoDataHeld && x.Plan.Lines.Any(l => Acting.Contains(l.Outcome)))
            .ToList();

        if (relevant.Count > 0)
        {
            var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
            var controller = profile?.Name ?? "PrivacyDesk";
            // 2.0.7: only the recipients of the purposes whose data were rectified, erased or restricted (Art. 19),
            // plus the processors of withdrawn consents (CW-4) and of marketing (OB-3); never the whole register.
            var affected = relevant.SelectMany(x => ArticleNineteen.AffectedPurposes(x.Plan)).ToHashSet(StringComparer.Ordinal);
            var stopped = relevant.SelectMany(x => ArticleNineteen.StoppedPurposes(x.Plan)).Where(c => !affected.Contains(c)).ToHashSet(StringComparer.Ordinal);
            var codes = affected.Concat(stopped).ToList();
            var purposes = await db.Purposes.AsNoTracking().Include(p => p.Recipients).Where(p => codes.Contains(p.Code)).ToListAsync(ct);
            var recipients = purposes
                .SelectMany(p => p.Recipients.Where(r => affected.Contains(p.Code) || r.Kind is RecipientKind.Processor or RecipientKind.Controller))
                .DistinctBy(r => r.Id).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
            var withdrawn = relevant.Where(x => x.Sub.Type == RequestType.ConsentWithdrawal).SelectMany(x => ArticleNineteen.StoppedPurposes(x.Plan)).ToHashSet(StringComparer.Ordinal);
            var clients = relevant.SelectMany(x => ArticleNineteen.Clients(x.Plan, affected.Concat(withdrawn).ToHashSet(StringComparer.Ordinal)))
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var actions = Actions(relevant);
            var why = string.Join("; ", relevant.Select(x => $"{x.Sub.Type}: {ArticleOf(x.Sub.Type)}")) + " — notify each recipient of the data concerned (Art. 19 GDPR, 2.0.7)";
            var date = BrusselsTime.ToBrusselsDate(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            // A recipient of kind ClientCompany is the category; the actual companies come from the client ledger.
            foreach (var recipient in recipients.Where(r => r.Kind != RecipientKind.ClientCompany))
            {
                var message = Message(recipient.Name, controller, request, actions, date);
                db.Tasks.Add(new WorkTask(request.Id, WorkTaskKind.NotifyRecipient, Trim($"Notify {recipient.Name} (Art. 19)", 300),
                    Trim($"Send the prepared message to {recipient.Name} ({recipient.Kind}, {recipient.Country}){(recipient.ContactEmail is null ? "" : " at " + recipient.ContactEmail)} and keep proof of sending. If this is impossible or needs disproportionate effort, mark it not possible and say why.", 4000),
                    Trim(why, 2000), now, recipient.Id, message));
            }
            foreach (var client in clients)
            {
                var message = Message(client, controller, request, actions, date);
                db.Tasks.Add(new WorkTask(request.Id, WorkTaskKind.NotifyRecipient, Trim($"Notify client company {client} (Art. 19)", 300),
                    Trim($"{client} received this person's CV or profile (client ledger). Send the prepared message to the client contact on file and keep proof of sending; if impossible or disproportionate, mark it not possible and say why.", 4000),
                    Trim(why, 2000), now, null, message));
            }

            var erasure = relevant.FirstOrDefault(x => x.Sub.Type == RequestType.Erasure);
            if (erasure.Plan is not null && erasure.Plan.Erased.Any())
            {
                var sets = string.Join(", ", erasure.Plan.Erased.Select(l => l.RecordSet.ToString()).Distinct());
                db.Tasks.Add(new WorkTask(request.Id, WorkTaskKind.EraseInExternalSystem, "Erase copies outside PrivacyDesk (ER-6)",
                    Trim($"Delete this person's data erased here ({sets}) from mailboxes and attachments, shared drives, local exports and paper files, or confirm none exist. Backups expire in rotation; the erasure ledger is re-applied after a restore.", 4000),
                    "Erasure: Art. 17 GDPR — all filing systems (ER-6)", now));
            }
        }

        db.Tasks.Add(new WorkTask(request.Id, WorkTaskKind.SendFinalAnswer, "Send the final answer",
            "Check the tasks above, then send the final answer from this case page: it states what was done, what is kept (ground and date), the recipients notified and the right to complain.",
            "Answer within the deadline: Art. 12(3) and 12(4) GDPR (ER-10)", now));
    }

    private static string ArticleOf(RequestType type) => type switch
    {
        RequestType.Rectification => "Art. 16 GDPR",
        RequestType.Erasure => "Art. 17 GDPR",
        RequestType.Restriction => "Art. 18 GDPR",
        RequestType.ConsentWithdrawal => "Art. 7(3) GDPR (CW-4)",
        RequestType.Objection => "Art. 21 GDPR",
        _ => "GDPR",
    };

    private static string Actions(IReadOnlyList<(SubRequest Sub, RequestPlan Plan)> relevant)
    {
        var sb = new StringBuilder();
        foreach (var (sub, plan) in relevant)
        {
            switch (sub.Type)
            {
                case RequestType.Rectification:
                    foreach (var c in SubRequestDetails.From(sub).Corrections ?? [])
                        sb.Append("- rectificatie / rectification: ").Append(c.RecordSet).Append('.').Append(c.Field).Append(" → ").AppendLine(c.NewValue);
                    break;
                case RequestType.Erasure:
                    sb.Append("- wissing / effacement / erasure (art. 17): ").AppendLine(string.Join(", ", plan.Erased.Select(l => l.RecordSet.ToString()).Distinct()));
                    if (plan.Kept.Any())
                        sb.Append("- beperkt bewaard / conservé limité / kept restricted: ").AppendLine(string.Join(", ", plan.Kept.Select(l => l.RecordSet.ToString()).Distinct()));
                    break;
                case RequestType.Restriction:
                    sb.Append("- beperking / limitation / restriction (art. 18): ").AppendLine(string.Join(", ", plan.Lines.Where(l => l.Outcome == PlanOutcome.Restrict).Select(l => l.RecordSet.ToString()).Distinct()));
                    break;
                default:
                    sb.Append("- stopzetting / arrêt / processing stopped (").Append(ArticleOf(sub.Type)).Append("): ")
                        .AppendLine(string.Join(", ", plan.Lines.Where(l => l.Outcome == PlanOutcome.StopProcessing).Select(l => l.PurposeName).Distinct()));
                    break;
            }
        }
        return sb.ToString().TrimEnd();
    }

    private string Message(string recipient, string controller, DataSubjectRequest request, string actions, string date)
    {
        var text = templates.Render("art19-notice", RecipientLanguage, new Dictionary<string, string>
        {
            ["Recipient"] = recipient,
            ["Controller"] = controller,
            ["Person"] = request.RequesterName,
            ["Reference"] = request.Reference,
            ["Date"] = date,
            ["Actions"] = actions,
        });
        return Trim(text.Subject + "\n\n" + text.Body, 8000);
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
