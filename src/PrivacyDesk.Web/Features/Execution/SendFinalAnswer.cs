using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Mail;
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

    public sealed class Handler(PrivacyDeskDbContext db, PlanSnapshots snapshots, EmailOutbox outbox, ICurrentUser user, TimeProvider clock)
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
                ["Done"] = Done(request, plans, language),
                ["Kept"] = Kept(plans.Values, language),
                ["Reasons"] = Reasons(request, plans.Values, language),
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

    private static string Done(DataSubjectRequest request, IReadOnlyDictionary<Guid, RequestPlan> plans, string language)
    {
        var sb = new StringBuilder();
        foreach (var sub in request.SubRequests.Where(s => s.Outcome != DecisionOutcome.Refused && plans.ContainsKey(s.Id)))
        {
            var reasons = plans[sub.Id].Lines.Where(l => DoneOutcomes.Contains(l.Outcome)).Select(l => l.Reason.For(language)).Distinct().Take(25).ToList();
            foreach (var notice in plans[sub.Id].Notices.Select(n => n.For(language)))
                reasons.Add(notice);
            foreach (var reason in reasons.Distinct())
                sb.Append("- ").AppendLine(reason);
        }
        return sb.Length == 0 ? Texts.None.For(language) : sb.ToString().TrimEnd();
    }

    /// <summary>ER-7, ER-10: each kept category with its ground (article) and its date.</summary>
    private static string Kept(IEnumerable<RequestPlan> plans, string language)
    {
        var lines = plans.SelectMany(p => p.Kept).ToList();
        if (lines.Count == 0)
            return Texts.None.For(language);
        var sb = new StringBuilder();
        foreach (var group in lines.GroupBy(l => (l.RecordSet, l.KeepUntil, l.Article)))
        {
            var until = group.Key.KeepUntil is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Texts.OpenEnded.For(language);
            sb.Append("- ").Append(group.Key.RecordSet).Append(" — ").Append(group.Key.Article).Append(" — ").Append(Texts.Until.For(language)).Append(' ').Append(until)
                .Append(": ").AppendLine(group.First().Reason.For(language));
        }
        return sb.ToString().TrimEnd();
    }

    private static string Reasons(DataSubjectRequest request, IEnumerable<RequestPlan> plans, string language)
    {
        var reasons = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.DecisionReason))
            reasons.Add(request.DecisionReason);
        reasons.AddRange(request.SubRequests.Where(s => s.Outcome == DecisionOutcome.Refused && !string.IsNullOrWhiteSpace(s.OutcomeReason)).Select(s => $"{s.Type}: {s.OutcomeReason}"));
        reasons.AddRange(plans.SelectMany(p => p.Lines).Where(l => l.Outcome == PlanOutcome.Refuse).Select(l => $"{l.Reason.For(language)} ({l.Article})"));
        return reasons.Count == 0 ? "" : string.Join("\n", reasons.Distinct().Select(r => "- " + r));
    }

    private static class Texts
    {
        public static readonly LocalizedText None = new("- (geen)", "- (aucun)", "- (none)");
        public static readonly LocalizedText Until = new("tot en met", "jusqu'au", "until");
        public static readonly LocalizedText OpenEnded = new("een gebeurtenis die nog niet plaatsvond (zie reden)", "un événement qui n'a pas encore eu lieu (voir motif)", "an event that has not happened yet (see reason)");
    }
}
