using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Audit;

/// <summary>
/// An audit line in the reader's language. The stored line stays as it was written (English, hashed into the
/// chain: evidence is rendered, never rewritten); this reads its facts back with one pattern per event shape and
/// puts them into the localised template <c>Audit.Detail.&lt;type&gt;[.variant]</c>. A capture group's name says
/// how its value is shown (see <see cref="Value"/>): dates in the page culture, enum values through their labels,
/// rule IDs as they are, text a person typed marked translate=no. A line no shape recognises (an older wording,
/// a new event type) becomes the localised generic line with the facts found in it: dates, numbers, rule IDs, ids.
/// </summary>
public static partial class AuditDetail
{
    private const string D = @"\d{4}-\d{2}-\d{2}";

    private sealed record Shape(string Type, string Key, Regex? Pattern);

    private static Shape S(string type, string? variant = null, string? pattern = null) =>
        new(type, "Audit.Detail." + type + (variant is null ? "" : "." + variant),
            pattern is null ? null : new Regex("^" + pattern.Replace("{D}", D, StringComparison.Ordinal) + "$",
                RegexOptions.ExplicitCapture | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    /// <summary>Every shape of every event a case or a legal hold writes, tried in order per type; no pattern = one fixed text.</summary>
    private static readonly ILookup<string, Shape> Shapes = new[]
    {
        S("request.received", null, @"Received via (?<channel>\w+) on (?<date>{D}): (?<rights>.*)"),
        S("request.receipt-flagged"),
        S("deadlines.recomputed", "extended",
            @"Deadlines recomputed \((?<rules>.*)\): due (?<date>{D}) → (?<date2>{D})(?<provisional> \(provisional\))?, maximum extended (?<date3>{D}) → (?<date4>{D}), conservative (?<date5>{D}) → (?<date6>{D}), extended (?<date7>[\d-]*) → (?<date8>[\d-]*)\."),
        S("deadlines.recomputed", null,
            @"Deadlines recomputed \((?<rules>.*)\): due (?<date>{D}) → (?<date2>{D})(?<provisional> \(provisional\))?, maximum extended (?<date3>{D}) → (?<date4>{D}), conservative (?<date5>{D}) → (?<date6>{D})\."),
        S("identity.link-sent"),
        S("request.status-link-renewed"),
        S("request.status-link-adopted"),
        S("identity.email-confirmed"),
        S("identity.candidate-linked", null, @"Linked to candidate record (?<id>[0-9a-f-]{36}): (?<method>.*)"),
        S("identity.verified", null, @"Identity checked on (?<date>{D}), method (?<method>.*)\."),
        S("identity.no-data"),
        S("identity.proof-uploaded"),
        S("identity.proof-viewed", null, @"Identity proof (?<id>[0-9a-f-]+) viewed\."),
        S("identity.proofs-deleted", "decision", @"(?<n>\d+) identity proof\(s\) deleted: decision (?<outcome>\w+) \(ID-6\)\."),
        S("identity.proofs-deleted", null, @"(?<n>\d+) identity proof\(s\) deleted: (?<why>[^(]*) \(ID-6\)\."),
        S("request.waiting", "continued",
            @"Waiting for the data subject \((?<waiting>\w+)\); question necessary: (?<necessary>yes|no, the clock keeps running) \(CLK-2\(1\)\)\. The reply of (?<date>{D}) was insufficient: the wait of (?<date2>{D}) continues \(CLK-3\)\."),
        S("request.waiting", null, @"Waiting for the data subject \((?<waiting>\w+)\); question necessary: (?<necessary>yes|no, the clock keeps running) \(CLK-2\(1\)\)\."),
        S("request.reminder-sent", null, @"Reminder sent: waiting for the data subject \((?<waiting>\w+)\) since (?<date>{D}) \(CLK-4\)\."),
        S("request.answer-received", null, @"Answer received from the data subject \((?<waiting>\w+)\)\."),
        S("clock.override", null, @"Late information request of (?<date>{D}) \((?<waiting>\w+)\) counted by DPO override: (?<free>.*)"),
        S("request.in-review"),
        S("request.assigned", "none", @"Unassigned\."),
        S("request.assigned", null, @"Assigned to (?<user>.*)\."),
        S("request.duplicate-suspected", null, @"Same person and right as open request (?<reference>.*)\."),
        S("request.extended", null, @"Extended to (?<date>{D}) \((?<extension>[^)]*)\)\."),
        S("request.decided", null, @"Decision: (?<outcome>\w+)\."),
        S("request.refusal-late", null,
            @"Full refusal notified on (?<date>{D}), after the un-extended due date (?<date2>{D}): the extension to (?<date3>{D}) does not cover a decision not to act \(EXT-7\)\."),
        S("request.classified", null, @"Classified as (?<ground>\w+) \(FEE-2\)\. Facts: (?<free>.*)"),
        S("request.fee-set", null, @"Fee of EUR (?<amount>[\d.]+) notified before charging \(FEE-8\); basis: (?<free>.*) \(FEE-7\)\."),
        S("request.fee-paid", null, @"Fee of EUR (?<amount>[\d.]+) paid\."),
        S("request.fee-not-paid", null, @"Fee of EUR (?<amount>[\d.]+) not paid\."),
        S("request.execution-started"),
        S("request.completed"),
        S("request.final-answer-sent"),
        S("request.closed"),
        S("request.withdrawn"),
        S("request.abandoned"),
        S("request.minimised"),
        S("request.message", "from", @"Message from the data subject\."),
        S("request.message", null, @"Message sent to the data subject\."),
        S("request.note"),
        S("execution.no-data", null, @"(?<right>\w+): no data held, nothing to carry out\."),
        S("execution.access", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.erasure", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.objection", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.restriction", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.consentwithdrawal", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.rectification", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("execution.portability", null, @"(?<right>\w+) carried out: (?<actions>.*)\."),
        S("rectification.applied", null, @"(?<set>\w+): field (?<code>\w+) of record (?<id>\S+) corrected \(RECT-1\)\."),
        S("rectification.corrective-entry", null, @"(?<set>\w+): corrective entry (?<id>\S+) for record (?<id2>\S+), field (?<code>\w+) \(RECT-5\)\."),
        S("rectification.statement-added", null, @"(?<set>\w+): the person's statement added to record (?<id>\S+) \(RECT-3\)\."),
        S("restriction.applied", null, @"Restriction applied: (?<sets>.*) \(RS-2\)\."),
        S("objection.marketing", null, @"Marketing objection registered: (?<n>\d+) marketing consent\(s\) stopped, suppression entry kept \(OB-3\)\."),
        S("consent.withdrawn", null, @"(?<n>\d+) consent\(s\) withdrawn; the proof of consent and withdrawal is kept \(CW-2, CW-3\)\."),
        S("balancing.recorded", "compelling", @"Balancing for purpose (?<purpose>\S+): compelling legitimate grounds recorded \(OB-2\)\."),
        S("balancing.recorded", null, @"Balancing for purpose (?<purpose>\S+): no compelling legitimate grounds \(OB-2\)\."),
        S("access.emails-review-needed"),
        S("access.emails-reviewed", null, @"(?<n>\d+) professional e-mail\(s\) reviewed for the access copy \(ACC-6\)\."),
        S("task.finished", null, @"Task (?<id>[0-9a-f-]+) \((?<task>\w+)\) marked (?<taskstatus>\w+)\."),
        S("package.ready", null, @"(?<package>\w+) built \(snapshot (?<date>{D})\); download link sent, valid until (?<date2>{D})\."),
        S("hold.placed", "all",
            @"Legal hold placed \((?<hold>\w+); scope: all purposes; review by (?<date>{D})\); (?<n>\d+) record\(s\) restricted \(LH-3\)\."),
        S("hold.placed", null,
            @"Legal hold placed \((?<hold>\w+); scope: (?<purposes>[^;]*); review by (?<date>{D})\); (?<n>\d+) record\(s\) restricted \(LH-3\)\."),
        S("hold.reviewed", null, @"Legal hold reviewed; next review (?<date>{D})\."),
        S("hold.lifted", null,
            @"Legal hold lifted; its restriction is lifted on (?<n>\d+) record\(s\); deferred erasure and expired retention are due again \(LH-7\)\."),
        S("hold.blocked-erasure", null, @"Erasure of (?<set>\w+) blocked by a legal hold for request (?<reference>\S+) \(LH-8\)\."),
        S("hold.blocked-retention", null, @"Retention erasure of (?<n>\d+) (?<set>\w+) record\(s\) blocked by a legal hold \(LH-3, LH-8\)\."),
        S("staff.signed-in", "mfa", @"Signed in with two-factor authentication\."),
        S("staff.signed-in", null, @"Signed in with a password\."),
        S("staff.language-set", null, @"Language set to (?<language>nl|fr|en)\."),

        // Back-office task titles are stored in English too (they travel with the task): read back the same way.
        S("task.NotifyRecipient", "client", @"Notify client company (?<client>.*) \(Art\. 19\)"),
        S("task.NotifyRecipient", null, @"Notify (?<recipient>.*) \(Art\. 19\)"),
        S("task.EraseInExternalSystem", null, @"Erase copies outside PrivacyDesk \(ER-6\)"),
        S("task.SendFinalAnswer", null, @"Send the final answer"),
        S("task.ReviewProfessionalEmails", null, @"Review the professional e-mails for the access copy \(ACC-6\)"),
        S("task.ApplyRectification", null, @"Apply correction of (?<code>\w+) \((?<set>\w+)\)"),

        // ... and so are their instructions ("taskwhat") and the plan line they carry out ("taskwhy").
        S("taskwhat.NotifyRecipient", "email",
            @"Send the prepared message to (?<recipient>.+?) \((?<rkind>\w+), (?<country>[^)]*)\) at (?<email>\S+) and keep proof of sending\. If this is impossible or needs disproportionate effort, mark it not possible and say why\."),
        S("taskwhat.NotifyRecipient", null,
            @"Send the prepared message to (?<recipient>.+?) \((?<rkind>\w+), (?<country>[^)]*)\) and keep proof of sending\. If this is impossible or needs disproportionate effort, mark it not possible and say why\."),
        S("taskwhat.NotifyRecipient", "client",
            @"(?<client>.+?) received this person's CV or profile \(client ledger\)\. Send the prepared message to the client contact on file and keep proof of sending; if impossible or disproportionate, mark it not possible and say why\."),
        S("taskwhat.EraseInExternalSystem", null,
            @"Delete this person's data erased here \((?<setlist>[^)]*)\) from mailboxes and attachments, shared drives, local exports and paper files, or confirm none exist\. Backups expire in rotation; the erasure ledger is re-applied after a restore\."),
        S("taskwhat.SendFinalAnswer", null, @"Check the tasks above, then send the final answer from this case page: .*"),
        S("taskwhat.ReviewProfessionalEmails", null, @"Read each professional e-mail that mentions this person .*"),
        S("taskwhat.ApplyRectification", null,
            @"Correct (?<code>\w+) of record (?<id>[0-9a-f-]+) in (?<set>\w+) to the value the person gave in the request; this field cannot be changed automatically\."),
        S("taskwhy.NotifyRecipient", null, @"(?<rightarts>.*) — notify each recipient of the data concerned \(Art\. 19 GDPR, 2\.0\.7\)"),
        S("taskwhy.EraseInExternalSystem", null, @"Erasure: Art\. 17 GDPR — all filing systems \(ER-6\)"),
        S("taskwhy.SendFinalAnswer", null, @"Answer within the deadline: Art\. 12\(3\) and 12\(4\) GDPR \(ER-10\)"),
        S("taskwhy.ReviewProfessionalEmails", null, @"Access: Art\. 15\(3\) GDPR and C-487/21 .*"),
        S("taskwhy.ApplyRectification", null, @"Rectification — (?<set>\w+): Art\. 16 GDPR \(RECT-1\)"),
    }.ToLookup(s => s.Type, StringComparer.Ordinal);

    /// <summary>The event types a shape is written for (the tests check each has its three templates).</summary>
    public static IEnumerable<string> TemplateKeys => Shapes.SelectMany(g => g).Select(s => s.Key).Distinct();

    /// <summary>Whether a stored line has a template of its own (else it shows as the generic line).</summary>
    public static bool Recognises(string type, string summary) =>
        Shapes[type].Any(s => s.Pattern is null || s.Pattern.IsMatch(summary));

    /// <summary>
    /// The line for one stored event; <paramref name="text"/> finds a resource text (null when there is none),
    /// <paramref name="purposeName"/> a purpose's name in the page's language (its code is shown otherwise).
    /// </summary>
    public static IHtmlContent Render(string type, string summary, Func<string, string?> text, Func<string, string?>? purposeName = null)
    {
        var found = Templated(type, summary, text, purposeName);
        return found ?? Generic(text("Staff.Event." + type) is { } l ? Encode(l)
            : string.Format(CultureInfo.CurrentCulture, Encode(text("Audit.Detail.Unknown") ?? "{0}"), Code(type)), summary, text);
    }

    /// <summary>A back-office task's stored title in the page's language; an unknown wording shows the task kind's label and its facts.</summary>
    public static IHtmlContent RenderTask(string kind, string title, Func<string, string?> text) =>
        Templated("task." + kind, title, text, null) ?? Generic(Capitalised(Label(text, "Audit.Task.", kind)), title, text);

    /// <summary>
    /// A task's stored instructions (<paramref name="part"/> "taskwhat") or plan line ("taskwhy") in the page's language;
    /// an unknown wording shows the task kind's label with the facts it holds.
    /// </summary>
    public static IHtmlContent RenderTaskText(string part, string kind, string stored, Func<string, string?> text) =>
        Templated(part + "." + kind, stored, text, null) ?? Generic(Capitalised(Label(text, "Audit.Task.", kind)), stored, text);

    private static string Capitalised(string label) =>
        label.Length > 0 && char.IsLower(label[0]) ? char.ToUpper(label[0], CultureInfo.CurrentCulture) + label[1..] : label;

    private static HtmlString? Templated(string type, string summary, Func<string, string?> text, Func<string, string?>? purposeName)
    {
        foreach (var shape in Shapes[type])
        {
            var match = shape.Pattern?.Match(summary);
            if (match is { Success: false })
                continue;
            var template = text(shape.Key);
            if (template is null)
                break;
            var values = match is null ? [] : shape.Pattern!.GetGroupNames().Where(n => n != "0").Select(n => Value(n, match.Groups[n], text, purposeName)).ToArray<object>();
            return new HtmlString(string.Format(CultureInfo.CurrentCulture, Encode(template), values));
        }
        return null;
    }

    /// <summary>The localised generic line: the event's label and the facts of the stored line that need no words.</summary>
    private static HtmlString Generic(string label, string summary, Func<string, string?> text)
    {
        var facts = Fact().Matches(summary).Select(m => m.Groups["date"].Success ? Date(m.Value) : Code(m.Value)).Distinct().ToList();
        return new HtmlString(facts.Count == 0 ? label
            : string.Format(CultureInfo.CurrentCulture, Encode(text("Audit.Detail.Generic") ?? "{0}: {1}"), label, string.Join(", ", facts)));
    }

    /// <summary>How a captured value is shown, by the group's name (trailing digits only number repeated kinds).</summary>
    private static string Value(string name, Group group, Func<string, string?> text, Func<string, string?>? purposeName)
    {
        var value = group.Value;
        var kind = name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return kind switch
        {
            _ when !group.Success => "",
            "date" => value.Length == 0 ? "—" : Date(value),
            "n" => int.Parse(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture),
            "amount" => decimal.Parse(value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.CurrentCulture),
            "provisional" => Encode(text("Audit.Detail.Provisional") ?? ""),
            "necessary" => Encode(text(value == "yes" ? "Audit.Detail.Necessary" : "Audit.Detail.NotNecessary") ?? ""),
            "rules" => string.Join(", ", Rule().Matches(value).Select(m => m.Value).Distinct()),
            "right" => Label(text, "Right.", value),
            "rights" => string.Join(", ", value.Split(", ").Select(v => Label(text, "Right.", v))),
            "channel" => Label(text, "Channel.", value),
            "outcome" => Label(text, "Status.", value), // the state it leads to: "Approved", not the verb of the choice
            "waiting" => Label(text, "Waiting.", value),
            "ground" => Label(text, "Lifecycle.Ground.", value),
            "hold" => Label(text, "HoldReason.", value),
            "set" => Label(text, "Staff.RecordSet.", value),
            "setlist" => string.Join(", ", value.Split(", ").Select(v => Label(text, "Staff.RecordSet.", v))),
            "rkind" => Label(text, "Staff.RecipientKind.", value),
            "rightarts" => string.Join(", ", value.Split("; ").Select(v => Label(text, "Right.", v.Split(':')[0]))),
            "task" => Label(text, "Audit.Task.", value),
            "taskstatus" => Label(text, "Staff.TaskStatus.", value),
            "package" => Label(text, "Audit.Package.", value),
            "language" => Label(text, "Staff.Language.", value),
            "purpose" => Purpose(value, purposeName),
            "purposes" => string.Join(", ", value.Split(", ").Select(v => Purpose(v, purposeName))),
            "why" => Label(text, "Audit.Why.", value.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-')),
            "actions" => string.Join(", ", Counted(value, text, "Audit.Action.")),
            "sets" => string.Join(", ", Counted(value, text, "Staff.RecordSet.")),
            "extension" => ReasonCatalog.Extension.FirstOrDefault(r => r.Code == value) is { } reason ? Encode(reason.Text.For(StaffPageModel.UiLanguage).TrimEnd('.')) : Code(value),
            "method" => value switch
            {
                Portal.IdentityMatcher.MethodDateOfBirth => Encode(text("Audit.Method.DateOfBirth") ?? value),
                Portal.IdentityMatcher.MethodPhone => Encode(text("Audit.Method.Phone") ?? value),
                _ => Typed(value), // what the DPO wrote
            },
            _ => Typed(value), // free, user, reference, recipient, client, id, code: data, shown as they are
        };
    }

    /// <summary>"Deleted 3, Anonymised 2" with each name through its label.</summary>
    private static IEnumerable<string> Counted(string list, Func<string, string?> text, string prefix) =>
        list.Split(", ").Select(part => part.Split(' ') is [var name, var n] ? $"{Label(text, prefix, name)} {Encode(n)}" : Typed(part));

    private static string Purpose(string code, Func<string, string?>? purposeName) =>
        purposeName?.Invoke(code) is { } name ? Encode(name) : Typed(code);

    private static string Label(Func<string, string?> text, string prefix, string value) =>
        text(prefix + value) is { } label ? Encode(label) : Code(value);

    private static string Date(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Encode(StaffFormat.Date(date)) : Code(iso);

    private static string Typed(string value) => $"<span translate=\"no\">{Encode(value)}</span>";

    private static string Code(string value) => $"<code translate=\"no\">{Encode(value)}</code>";

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);

    [GeneratedRegex(@"[A-Z]{1,5}-\d+(\(\d+\))*")]
    private static partial Regex Rule();

    /// <summary>What a stored line holds that needs no words: dates, ids, references, rule IDs, numbers.</summary>
    [GeneratedRegex(@"(?<date>\d{4}-\d{2}-\d{2})(?![\d-])|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z]{2,5}-\d{4}-\d+|[A-Z]{1,5}-\d+(\(\d+\))*|\b\d+(\.\d+)?\b")]
    private static partial Regex Fact();
}
