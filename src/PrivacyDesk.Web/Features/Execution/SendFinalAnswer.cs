using System.Text;
using MediatR;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

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
        return request.Outcome == DecisionOutcome.PartiallyApproved
            || request.SubRequests.Any(s => s.Outcome == DecisionOutcome.Refused)
            || plans.Any(p => p.HasRefusals)
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
            var notified = await db.Tasks.AsNoTracking()
                .Where(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.NotifyRecipient && t.Status == WorkTaskStatus.Done)
                .OrderBy(t => t.Title).Select(t => t.Title).ToListAsync(cancellationToken);
            var profile = await db.ControllerProfiles.AsNoTracking().OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);

            var values = new Dictionary<string, string>
            {
                ["Name"] = request.RequesterName,
                ["Reference"] = request.Reference,
                ["Controller"] = profile?.Name ?? "PrivacyDesk",
                ["Done"] = Done(request, plans, language, l),
                ["Kept"] = Kept(plans.Values, language, l),
                ["Reasons"] = Reasons(request, plans.Values, language, l),
                ["Recipients"] = notified.Count == 0 ? Texts.None.For(language) : string.Join("\n", notified.Select(t => "- " + RecipientName(t))),
                ["Complaint"] = EmailTemplates.ComplaintBlock(language),
            };
            var message = outbox.Queue(template, language, request.RequesterEmail, values, request.Id);
            var now = clock.GetUtcNow();
            request.MarkFinalAnswerSent(now, user.Actor);
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.SendFinalAnswer && t.Status == WorkTaskStatus.Open, cancellationToken);
            task?.Finish(WorkTaskStatus.Done, $"Sent by e-mail ({template}).", user.Actor, now);
            return new Result(template, message.Id);
        }

        private static string RecipientName(string title) =>
            title.Replace("Notify client company ", "", StringComparison.Ordinal).Replace("Notify ", "", StringComparison.Ordinal).Replace(" (Art. 19)", "", StringComparison.Ordinal);
    }

    private static readonly PlanOutcome[] DoneOutcomes =
        [PlanOutcome.Correct, PlanOutcome.AddStatement, PlanOutcome.Erase, PlanOutcome.Anonymise, PlanOutcome.Restrict, PlanOutcome.StopProcessing, PlanOutcome.Give, PlanOutcome.GiveRedacted];

    /// <summary>
    /// Per right, what was done, grouped by what happened ("Erased: applications (2), documents (1)"), counted from
    /// the plan's final verdict per record: a record erased for one purpose and kept for another counts as kept only,
    /// so the answer never says a set "is erased" and, a few lines later, that it is kept.
    /// </summary>
    private static string Done(DataSubjectRequest request, IReadOnlyDictionary<Guid, RequestPlan> plans, string language, IStringLocalizer l)
    {
        using var _ = new LanguageScope(language);
        var sb = new StringBuilder();
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
        return reasons.Count == 0 ? "" : string.Join("\n", reasons.Where(r => r.Length > 0).Distinct().Select(r => "- " + r));
    }

    private static class Texts
    {
        public static readonly LocalizedText None = new("- (geen)", "- (aucun)", "- (none)");
        public static readonly LocalizedText Until = new("tot en met", "jusqu'au", "until");
        public static readonly LocalizedText OpenEnded = new("een gebeurtenis die nog niet plaatsvond (zie reden)", "un événement qui n'a pas encore eu lieu (voir motif)", "an event that has not happened yet (see reason)");
    }
}
