using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// One request for the DPO: what was asked, timeline, deadlines, identity panel with matching candidate
/// records (and why they match), the plan per purpose, disclosures, notes, and the next step.
/// </summary>
public static class GetCaseDetails
{
    public enum NextStep
    {
        None,
        Verify,
        Decide,
        AwaitAnswer,
        Execute,
        SendAnswer,
        Close,
    }

    [RequiresRole(Roles.Dpo)]
    public sealed record Query : IRequest<Result>
    {
        public Guid Id { get; init; }
    }

    public sealed record SubRequestView(Guid Id, RequestType Type, SubRequestDetails Details, DecisionOutcome? Outcome, string? OutcomeReason, bool PlanStored);

    public sealed record EventView(DateTimeOffset At, string Actor, string Type, string Summary);

    public sealed record MessageView(DateTimeOffset At, string Author, bool FromDataSubject, bool Internal, string Body);

    public sealed record Match(Guid CandidateId, string Name, string? Email, DateOnly? DateOfBirth, string? Phone, IReadOnlyList<string> Why);

    public sealed record DisclosureView(string ClientCompany, DateOnly DisclosedOn, string What, string PurposeCode);

    public sealed record HoldView(Guid Id, long Number, LegalHoldReason Reason, string ExternalReference, DateOnly ReviewOn, bool AllPurposes, IReadOnlyList<string> PurposeCodes);

    public sealed record ProofView(Guid Id, string FileName, long Size, DateTimeOffset UploadedAt);

    public sealed record WaitView(WaitingReason Reason, DateOnly RequestedOn, DateOnly? ReceivedOn, string Why);

    public sealed record TaskView(PrivacyDesk.Domain.Operations.WorkTaskKind Kind, string Title, PrivacyDesk.Domain.Operations.WorkTaskStatus Status, string? DoneBy, DateTimeOffset? DoneAt);

    public sealed record Result(
        Guid Id, uint Version, string Reference, RequestStatus Status, WaitingReason? WaitingReason, Channel Channel, string Language,
        DateOnly ReceivedOn, DateTimeOffset RegisteredAt, bool ReceiptDateFlagged,
        string RequesterName, string RequesterEmail, string? RequesterPhone, DateOnly? RequesterDateOfBirth, string? Description,
        IdentityStatus IdentityStatus, string? IdentityMethod, Guid? CandidateId, string? CandidateName,
        DateOnly DueOn, DateOnly ConservativeDueOn, DateOnly MaxExtendedDueOn, bool DueIsProvisional, DateOnly? ExtendedDueOn,
        string? ExtensionReasonCode, string? ExtensionReason, string? AssignedTo, bool DuplicateSuspected,
        DecisionOutcome? Outcome, string? DecisionReason, DateOnly Today,
        IReadOnlyList<SubRequestView> SubRequests, IReadOnlyList<EventView> Events, IReadOnlyList<MessageView> Messages,
        IReadOnlyList<WaitView> Waits, IReadOnlyList<Match> Matches, IReadOnlyList<DisclosureView> Disclosures,
        IReadOnlyList<HoldView> Holds, IReadOnlyList<ProofView> Proofs, GetRequestPlan.Result? Plan, IReadOnlyList<string> Assignees,
        IReadOnlyList<TaskView> Tasks, DateTimeOffset? FinalAnswerSentAt, IReadOnlyDictionary<string, LocalizedText> PurposeNames)
    {
        public DateOnly CurrentDueOn => ExtendedDueOn ?? DueOn;

        public int DaysLeft => CurrentDueOn.DayNumber - Today.DayNumber;

        /// <summary>The one thing this case waits for now (product.md §4), shown in the header band.</summary>
        public NextStep Next => Status switch
        {
            RequestStatus.Received or RequestStatus.InReview when CandidateId is null && IdentityStatus != IdentityStatus.NoDataHeld => NextStep.Verify,
            RequestStatus.Received or RequestStatus.InReview => NextStep.Decide,
            RequestStatus.AwaitingDataSubject => NextStep.AwaitAnswer,
            RequestStatus.Approved or RequestStatus.PartiallyApproved or RequestStatus.InExecution => NextStep.Execute,
            RequestStatus.Completed or RequestStatus.Refused when FinalAnswerSentAt is null => NextStep.SendAnswer,
            RequestStatus.Completed or RequestStatus.Refused => NextStep.Close,
            _ => NextStep.None,
        };

        public bool IsOpen => Status is not (RequestStatus.Closed or RequestStatus.Withdrawn or RequestStatus.Abandoned);

        public bool CanDecide => Status is RequestStatus.Received or RequestStatus.InReview;

        public bool CanExtend => IsOpen && ExtendedDueOn is null && Today <= DueOn && Status is not (RequestStatus.Completed or RequestStatus.Refused);

        public bool CanAsk => Status is RequestStatus.Received or RequestStatus.InReview or RequestStatus.AwaitingDataSubject;
    }

    public sealed class Handler(PrivacyDeskDbContext db, TimeProvider clock, IMediator mediator) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = await db.Requests.AsNoTracking().AsSplitQuery()
                .Include(x => x.WaitingPeriods).Include(x => x.Messages)
                .FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Request");
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == r.Id).OrderBy(e => e.Sequence)
                .Select(e => new EventView(e.OccurredAt, e.Actor, e.Type, e.Summary)).ToListAsync(cancellationToken);

            var matches = await FindMatchesAsync(r, cancellationToken);
            string? candidateName = null;
            IReadOnlyList<DisclosureView> disclosures = [];
            IReadOnlyList<HoldView> holds = [];
            if (r.CandidateId is { } cid)
            {
                // The person's own request is handled whatever restricts their data (Art. 18(2), LH-3).
                candidateName = await db.Candidates.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == cid).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(cancellationToken);
                disclosures = await db.ClientDisclosures.AsNoTracking().Where(d => d.CandidateId == cid).OrderByDescending(d => d.DisclosedOn)
                    .Select(d => new DisclosureView(d.ClientCompany, d.DisclosedOn, d.What, d.PurposeCode)).ToListAsync(cancellationToken);
                holds = await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == cid && h.LiftedAt == null).OrderBy(h => h.Number)
                    .Select(h => new HoldView(h.Id, h.Number, h.Reason, h.ExternalReference, h.ReviewOn, h.AllPurposes, h.PurposeCodes)).ToListAsync(cancellationToken);
            }
            var proofs = await db.Attachments.AsNoTracking().Where(a => a.RequestId == r.Id && a.DeletedAt == null).OrderBy(a => a.UploadedAt)
                .Select(a => new ProofView(a.Id, a.FileName, a.Size, a.UploadedAt)).ToListAsync(cancellationToken);
            GetRequestPlan.Result? plan = null;
            if (r.CandidateId is not null || r.IdentityStatus == IdentityStatus.NoDataHeld)
                plan = await mediator.Send(new GetRequestPlan.Query { RequestId = r.Id }, cancellationToken);
            var purposes = (await db.Purposes.AsNoTracking().Select(p => new { p.Code, p.NameNl, p.NameFr, p.NameEn }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Code, p => new LocalizedText(p.NameNl, p.NameFr, p.NameEn), StringComparer.Ordinal);
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.RequestId == r.Id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Title)
                .Select(t => new TaskView(t.Kind, t.Title, t.Status, t.DoneBy, t.DoneAt)).ToListAsync(cancellationToken);
            var assignees = await db.Users.AsNoTracking()
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Dpo)))
                .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(cancellationToken);

            return new Result(r.Id, r.Version, r.Reference, r.Status, r.WaitingReason, r.Channel, r.Language,
                r.ReceivedOn, r.RegisteredAt, r.ReceiptDateFlagged,
                r.RequesterName, r.RequesterEmail, r.RequesterPhone, r.RequesterDateOfBirth, r.Description,
                r.IdentityStatus, r.IdentityMethod, r.CandidateId, candidateName,
                r.DueOn, r.ConservativeDueOn, r.MaxExtendedDueOn, r.DueIsProvisional, r.ExtendedDueOn,
                r.ExtensionReasonCode, r.ExtensionReason, r.AssignedTo, r.DuplicateSuspected, r.Outcome, r.DecisionReason, clock.Today(),
                r.SubRequests.Select(s => new SubRequestView(s.Id, s.Type, SubRequestDetails.From(s), s.Outcome, s.OutcomeReason, s.PlanJson is not null)).ToList(),
                events,
                r.Messages.OrderBy(m => m.At).Select(m => new MessageView(m.At, m.Author, m.FromDataSubject, m.Internal, m.Body)).ToList(),
                r.WaitingPeriods.OrderBy(w => w.RequestedOn).Select(w => new WaitView(w.Reason, w.RequestedOn, w.ReceivedOn, w.Why)).ToList(),
                matches, disclosures, holds, proofs, plan, assignees, tasks, r.FinalAnswerSentAt, purposes);
        }

        /// <summary>Candidate records that may be the requester: same e-mail, same name and date of birth, same phone.</summary>
        private async Task<IReadOnlyList<Match>> FindMatchesAsync(DataSubjectRequest r, CancellationToken ct)
        {
            var email = r.RequesterEmail.Trim().ToLowerInvariant();
            var first = r.RequesterFirstName.Trim().ToLowerInvariant();
            var last = r.RequesterLastName.Trim().ToLowerInvariant();
            var dob = r.RequesterDateOfBirth;
            var phone = Digits(r.RequesterPhone);
            // Restricted and held people are matched to their own requests too (Art. 18(2), LH-3).
            var found = await db.Candidates.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.AnonymisedAt == null)
                .Where(c => (email != "" && c.Email != null && c.Email.ToLower() == email)
                    || (dob != null && c.DateOfBirth == dob && c.FirstName.ToLower() == first && c.LastName.ToLower() == last)
                    || (phone != null && c.Phone != null && c.Phone.Replace(" ", "").Replace("+", "").Replace("/", "").Replace(".", "") == phone))
                .OrderBy(c => c.LastName).Take(20)
                .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email, c.DateOfBirth, c.Phone })
                .ToListAsync(ct);
            return found.Select(c =>
            {
                var why = new List<string>();
                if (email != "" && string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                    why.Add("Same e-mail address");
                if (string.Equals(c.FirstName.Trim(), first, StringComparison.OrdinalIgnoreCase) && string.Equals(c.LastName.Trim(), last, StringComparison.OrdinalIgnoreCase))
                    why.Add(dob is not null && c.DateOfBirth == dob ? "Same name and date of birth" : "Same name");
                else if (dob is not null && c.DateOfBirth == dob)
                    why.Add("Same date of birth");
                if (phone is not null && Digits(c.Phone) == phone)
                    why.Add("Same phone number");
                return new Match(c.Id, $"{c.FirstName} {c.LastName}", c.Email, c.DateOfBirth, c.Phone, why);
            }).ToList();
        }

        private static string? Digits(string? phone) =>
            string.IsNullOrWhiteSpace(phone) ? null : phone.Replace(" ", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal)
                .Replace("/", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
    }
}
