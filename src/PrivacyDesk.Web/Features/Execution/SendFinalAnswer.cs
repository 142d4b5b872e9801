using System.Text;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// The final answer (ER-10, 2.0.6): a template per outcome and language, with what was done, what is kept
/// (category, ground, until when — from the plan), the recipients notified and the complaint block.
/// Queued in the outbox in the same transaction that records it as sent.
/// </summary>
public static class SendFinalAnswer
{
    [RequiresRole(Roles.BackOffice, Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public Guid RequestId { get; init; }
    }

    public sealed record Result(string Template, Guid MessageId);

    public static string TemplateFor(DataSubjectRequest request, IReadOnlyCollection<RequestPlan> plans)
    {
        if (request.Status == RequestStatus.Refused || request.Outcome == DecisionOutcome.Refused)
            return "final-answer-refused";
        if (request.IdentityStatus == IdentityStatus.NoDataHeld || (plans.Count > 0 && plans.All(p => p.NoDataHeld)))
            return "final-answer-no-data";
        // OB-4, CW-2: an objection or withdrawal the law does not allow for a purpose is answered with that reason,
        // as a refusal when nothing else was done (never "approved" with nothing done).
        var notAllowed = plans.Any(NotAllowed);
        if (notAllowed && !plans.Any(p => p.Lines.Any(l => DoneOutcomes.Contains(l.Outcome))))
            return "final-answer-refused";
        return request.Outcome == DecisionOutcome.PartiallyApproved
            || request.SubRequests.Any(s => s.Outcome == DecisionOutcome.Refused)
            || plans.Any(p => p.HasRefusals)
            || notAllowed
            ? "final-answer-partial"
            : "final-answer-completed";
    }

    public sealed class Handler(PrivacyDeskDbContext db, PlanSnapshots snapshots, EmailOutbox outbox, ICurrentUser user, TimeProvider clock, IStringLocalizer<Command> l)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.FinalAnswerSentAt is not null)
                throw new DomainException("answer.sent", "The final answer has already been sent.");
            if (request.Status is not (RequestStatus.Completed or RequestStatus.Refused))
                throw new DomainException("answer.state", "Carry out the plan first; the final answer follows the completed work.", "ER-10");

            var plans = request.Status == RequestStatus.Refused
                ? new Dictionary<Guid, RequestPlan>()
                : await snapshots.EnsureAsync(request, store: false, cancellationToken);
            var language = request.Language is "fr" or "en" ? request.Language : "nl";
            var template = TemplateFor(request, plans.Values.ToList());
            var tasks = await CaseTasks.LoadAsync(db, request.Id, cancellationToken);
            if (CaseTasks.OpenWork(tasks) > 0)
                throw new DomainException("answer.open-tasks", "Finish every task first, or close it as not possible with the reason.", "ER-10");
            var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);

            var values = new Dictionary<string, string>
            {
                ["Name"] = request.RequesterName,
                ["Reference"] = request.Reference,
                ["Controller"] = profile?.Name ?? "PrivacyDesk",
                ["Done"] = Done(request, plans, tasks, language, l),
                ["Kept"] = Kept(plans.Values, language, l),
                ["Reasons"] = Reasons(request, plans.Values, language, l),
                ["Recipients"] = Recipients(tasks, language),
                ["Complaint"] = EmailTemplates.ComplaintBlock(language),
            };
            var message = outbox.Queue(template, language, request.RequesterEmail, values, request.Id);
            var now = clock.GetUtcNow();
            request.MarkFinalAnswerSent(now, user.Actor);
            var task = tasks.FirstOrDefault(t => t.Kind == WorkTaskKind.SendFinalAnswer && t.Status == WorkTaskStatus.Open);
            task?.Finish(WorkTaskStatus.Done, $"Sent by e-mail ({template}).", user.Actor, now);
            return new Result(template, message.Id);
        }
    }

    /// <summary>A plan line an objection or withdrawal cannot reach: the purpose's basis does not allow it (OB-4, CW-2).</summary>
    private static bool NotAllowed(RequestPlan plan) =>
        plan.Type is RequestType.Objection or RequestType.ConsentWithdrawal && plan.NotApplicable.Any();

    public static string RecipientName(string title) =>
        title.Replace("Notify client company ", "", StringComparison.Ordinal).Replace("Notify ", "", StringComparison.Ordinal).Replace(" (Art. 19)", "", StringComparison.Ordinal);

    /// <summary>ER-10, Art. 19: the recipients really informed, and those that could not be, with the recorded reason.</summary>
    private static string Recipients(IEnumerable<WorkTask> tasks, string language)
    {
        var notices = tasks.Where(t => t.Kind == WorkTaskKind.NotifyRecipient).OrderBy(t => t.Title, StringComparer.Ordinal).ToList();
        var lines = notices.Where(t => t.Status == WorkTaskStatus.Done).Select(t => "- " + RecipientName(t.Title))
            .Concat(notices.Where(t => t.Status == WorkTaskStatus.NotPossible)
                .Select(t => $"- {RecipientName(t.Title)}: {Texts.NotInformed.For(language)} {t.Note}"))
            .ToList();
        return lines.Count == 0 ? Texts.None.For(language) : string.Join("\n", lines);
    }

    private static readonly PlanOutcome[] DoneOutcomes =
        [PlanOutcome.Correct, PlanOutcome.AddStatement, PlanOutcome.Erase, PlanOutcome.Anonymise, PlanOutcome.Restrict, PlanOutcome.StopProcessing, PlanOutcome.Give, PlanOutcome.GiveRedacted];

    /// <summary>
    /// Per right, what was done, grouped by what happened ("Erased: applications (2), documents (1)"), counted from
    /// the plan's final verdict per record: a record erased for one purpose and kept for another counts as kept only,
    /// so the answer never says a set "is erased" and, a few lines later, that it is kept.
    /// </summary>
    private static string Done(DataSubjectRequest request, IReadOnlyDictionary<Guid, RequestPlan> plans, IEnumerable<WorkTask> tasks, string language, IStringLocalizer l)
    {
        using var _ = new LanguageScope(language);
        var sb = new StringBuilder();
        // ER-6, ER-10: work outside PrivacyDesk is stated as it was recorded, including what proved impossible and why.
        foreach (var task in tasks.Where(t => t.Kind is WorkTaskKind.EraseInExternalSystem or WorkTaskKind.ApplyRectification or WorkTaskKind.PaperFile or WorkTaskKind.Other))
        {
            var what = task.Kind switch
            {
                WorkTaskKind.EraseInExternalSystem => Texts.ErasedOutside,
                WorkTaskKind.ApplyRectification => Texts.CorrectedOutside,
                _ => null,
            };
            var label = what?.For(language) ?? task.Title;
            sb.Append("- ").AppendLine(task.Status == WorkTaskStatus.NotPossible ? $"{label}: {Texts.NotPossible.For(language)} {task.Note}" : label);
        }
        foreach (var sub in request.SubRequests.Where(s => s.Outcome != DecisionOutcome.Refused && plans.ContainsKey(s.Id)).OrderBy(s => s.Type))
        {
            var plan = plans[sub.Id];
            var lines = new List<string>();
            if (sub.Type is RequestType.Access or RequestType.Portability)
            {
                if (plan.Given.Any())
                    lines.Add(l["Portal.Answer.Given." + sub.Type].Value);
            }
            else
            {
                foreach (var outcome in plan.Records.Where(r => DoneOutcomes.Contains(r.Outcome)).GroupBy(r => r.Outcome).OrderBy(g => g.Key))
                {
                    var sets = outcome.GroupBy(r => r.RecordSet).OrderBy(g => g.Key).Select(g => $"{l["Portal.Set." + g.Key].Value} ({g.Count()})");
                    lines.Add($"{l["Portal.Answer.Outcome." + outcome.Key].Value}: {string.Join(", ", sets)}");
                }
            }
            lines.AddRange(plan.Notices.Select(n => CandidateText.Plain(n.For(language), language)).Where(n => n.Length > 0));
            if (lines.Count == 0)
                continue;
            sb.AppendLine(l["Right." + sub.Type].Value);
            foreach (var line in lines.Distinct())
                sb.Append("- ").AppendLine(line);
            sb.AppendLine();
        }
        return sb.Length == 0 ? Texts.None.For(language) : sb.ToString().TrimEnd();
    }

    /// <summary>ER-7, ER-10: each kept kind of data once, with how many records, until when (a date in the reader's format), why and the ground.</summary>
    private static string Kept(IEnumerable<RequestPlan> plans, string language, IStringLocalizer l)
    {
        using var _ = new LanguageScope(language);
        var planList = plans.ToList();
        var kept = planList.SelectMany(p => p.Records.Where(r => r.Outcome is PlanOutcome.Keep or PlanOutcome.KeepRestrictedUntil)).DistinctBy(r => r.RecordId).ToList();
        if (kept.Count == 0)
            return Texts.None.For(language);
        var sb = new StringBuilder();
        foreach (var group in kept.GroupBy(r => (r.RecordSet, r.KeepUntil)).OrderBy(g => g.Key.RecordSet).ThenBy(g => g.Key.KeepUntil))
        {
            var until = group.Key.KeepUntil is { } d ? Texts.Until.For(language) + " " + PortalFormat.Date(d, language) : Texts.OpenEnded.For(language);
            var why = planList.SelectMany(p => p.Kept).Where(x => x.RecordSet == group.Key.RecordSet && x.KeepUntil == group.Key.KeepUntil && x.RecordIds.Any(id => group.Any(r => r.RecordId == id)))
                .Select(x => (Reason: CandidateText.Plain(x.Reason.For(language), language), Article: CandidateText.Article(x.Article, language)))
                .Where(x => x.Reason.Length > 0).Distinct().ToList();
            sb.Append("- ").Append(l["Portal.Set." + group.Key.RecordSet].Value).Append(" (").Append(group.Count()).Append("), ").Append(until);
            if (why.Count > 0)
                sb.Append(": ").Append(string.Join(" ", why.Select(w => w.Article.Length > 0 ? $"{w.Reason} ({w.Article})" : w.Reason)));
            sb.AppendLine();
        }
        return sb.ToString().TrimEnd();
    }

    private static string Reasons(DataSubjectRequest request, IEnumerable<RequestPlan> plans, string language, IStringLocalizer l)
    {
        using var _ = new LanguageScope(language);
        var reasons = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.DecisionReason))
            reasons.Add(CandidateText.Plain(request.DecisionReason, language));
        reasons.AddRange(request.SubRequests.Where(s => s.Outcome == DecisionOutcome.Refused && !string.IsNullOrWhiteSpace(s.OutcomeReason))
            .Select(s => $"{l["Right." + s.Type].Value}: {CandidateText.Plain(s.OutcomeReason, language)}"));
        reasons.AddRange(plans.SelectMany(p => p.Lines).Where(x => x.Outcome == PlanOutcome.Refuse)
            .Select(x => $"{CandidateText.Plain(x.Reason.For(language), language)} ({CandidateText.Article(x.Article, language)})"));
        reasons.AddRange(plans.Where(NotAllowed).SelectMany(p => p.NotApplicable)
            .Select(x => $"{CandidateText.Plain(x.Reason.For(language), language)} ({CandidateText.Article(x.Article, language)})"));
        return reasons.Count == 0 ? "" : string.Join("\n", reasons.Where(r => r.Length > 0).Distinct().Select(r => "- " + r));
    }

    private static class Texts
    {
        public static readonly LocalizedText None = new("- (geen)", "- (aucun)", "- (none)");
        public static readonly LocalizedText Until = new("tot en met", "jusqu'au", "until");
        public static readonly LocalizedText NotInformed = new("niet op de hoogte gebracht, omdat", "pas informé, parce que", "not informed, because");
        public static readonly LocalizedText NotPossible = new("niet mogelijk, omdat", "impossible, parce que", "not possible, because");
        public static readonly LocalizedText ErasedOutside = new(
            "Kopieën buiten ons dossierbeheer (mailboxen, gedeelde mappen, exports, papieren dossiers) zijn gewist of er waren er geen.",
            "Les copies hors de notre gestion de dossiers (boîtes mail, dossiers partagés, exports, dossiers papier) ont été effacées, ou il n'y en avait pas.",
            "Copies outside our case system (mailboxes, shared drives, exports, paper files) were erased, or there were none.");
        public static readonly LocalizedText CorrectedOutside = new(
            "De verbetering is ook buiten ons dossierbeheer doorgevoerd.",
            "La rectification a aussi été appliquée en dehors de notre gestion de dossiers.",
            "The correction was also made outside our case system.");
        public static readonly LocalizedText OpenEnded = new("een gebeurtenis die nog niet plaatsvond (zie reden)", "un événement qui n'a pas encore eu lieu (voir motif)", "an event that has not happened yet (see reason)");
    }
}
