using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Link the request to candidate records and mark identity verified (ID-4); proofs are deleted (ID-6).</summary>
public static class VerifyIdentity
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public Guid CandidateId { get; init; }
        public string Why { get; init; } = "";
        public string Method { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.CandidateId).NotEmpty();
            RuleFor(c => c.Why).NotEmpty().MaximumLength(500);
            RuleFor(c => c.Method).NotEmpty().MaximumLength(100);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            // The person's own request is handled whatever restricts their data (Art. 18(2), LH-3: a hold restricts the profile).
            if (!await db.Candidates.IgnoreQueryFilters().AnyAsync(c => c.Id == command.CandidateId, cancellationToken))
                throw new NotFoundException("Candidate");
            var now = clock.GetUtcNow();
            var today = clock.Today();
            request.LinkCandidate(command.CandidateId, command.Why.Trim(), now, user.Actor);
            request.EstablishIdentity(command.Method.Trim(), now, today, user.Actor);
            deadlines.Recompute(request, user.Actor, "identity established by the DPO, the identity wait ends (CLK-3)");
            return Unit.Value;
        }
    }
}

/// <summary>
/// Ask the requester for identity proof or clarification (CLK-2, ID-1): the reason and whether the question is
/// necessary (CLK-2(1)) recorded, e-mail sent, clock recomputed with an audit entry (§1.9). A fee is asked with
/// <see cref="Requests.ChargeFee"/> (FEE-7, FEE-8).
/// </summary>
public static class AskRequester
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public WaitingReason Reason { get; init; } = WaitingReason.Identity;

        /// <summary>Why the information is needed — the reasonable doubt (ID-1), recorded, internal.</summary>
        public string Why { get; init; } = "";

        /// <summary>What the requester reads in the e-mail.</summary>
        public string Message { get; init; } = "";

        /// <summary>
        /// CLK-2(1): the DPO states whether the question is necessary (identity: a reasonable doubt; clarification: a
        /// large quantity of data and a general request). An unnecessary question does not stop the clock.
        /// </summary>
        public bool? Necessary { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Reason).IsInEnum()
                .NotEqual(WaitingReason.Fee).WithMessage("A fee is set with its amount and basis (FEE-7, FEE-8).");
            RuleFor(c => c.Necessary).NotNull().WithMessage("State whether the question is necessary; an unnecessary one does not stop the clock (CLK-2(1)).");
            RuleFor(c => c.Why).NotEmpty().WithMessage("Record why the information is needed (ID-1).").MaximumLength(2000);
            RuleFor(c => c.Message).NotEmpty().MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var today = clock.Today();
            // CLK-3: a follow-up to an insufficient reply within the CLK-2(2) limit continues the earlier wait.
            var lastReply = request.WaitingPeriods.Where(w => w.Reason == command.Reason && w.ReceivedOn is not null).Max(w => w.ReceivedOn);
            var followUp = request.Status != RequestStatus.AwaitingDataSubject && lastReply is { } reply && deadlines.IsTimelyQuestion(reply, today);
            request.AskDataSubject(command.Reason, command.Why, command.Necessary!.Value, today, now, user.Actor, followUp);
            request.AddMessage(fromDataSubject: false, internalNote: false, user.Actor, command.Message, now);
            deadlines.Recompute(request, user.Actor, $"question to the data subject ({command.Reason}), CLK-2");
            await mail.QuestionAsync(request, command.Message.Trim());
            return Unit.Value;
        }
    }
}

/// <summary>The DPO found no data about the (verified) requester (EDPB-ACC Ex. 38).</summary>
public static class MarkNoData
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.MarkNoDataHeld(clock.GetUtcNow(), user.Actor);
            await mail.QueueAsync("staff-no-data", request);
            return Unit.Value;
        }
    }
}

public static class AddInternalNote
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public string Body { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).NotEmpty().MaximumLength(8000);
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // A note never conflicts with a decision: no version check.
            var request = await db.LoadForChangeAsync(command.RequestId, 0, cancellationToken);
            request.AddMessage(fromDataSubject: false, internalNote: true, user.Actor, command.Body, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}

public static class AssignRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public string? Assignee { get; init; }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var assignee = string.IsNullOrWhiteSpace(command.Assignee) ? null : command.Assignee.Trim();
            if (assignee is not null)
            {
                var dpoRole = await db.Roles.Where(r => r.Name == Roles.Dpo).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
                var known = await db.Users.AnyAsync(u => u.UserName == assignee && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == dpoRole), cancellationToken);
                if (!known)
                    throw new DomainException("assign.unknown", "Assign the request to a colleague with the DPO role.");
            }
            request.Assign(assignee, clock.GetUtcNow(), user.Actor);
            if (assignee is not null && assignee != user.Actor)
            {
                await mail.QueueToStaffAsync("staff-assigned", assignee, request, new Dictionary<string, string> { ["AssignedBy"] = user.Actor }, cancellationToken);
            }
            return Unit.Value;
        }
    }
}

/// <summary>Approve, partially approve or refuse (Art. 12(4) N1–N5), with the plan stored on each sub-request.</summary>
public static class DecideRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public DecisionOutcome Outcome { get; init; }
        public string? ReasonCode { get; init; }
        public string? ReasonDetails { get; init; }

        /// <summary>Partial approval: the sub-requests that are refused; the others are approved.</summary>
        public List<Guid> RefusedSubRequests { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Outcome).IsInEnum();
            RuleFor(c => c.ReasonCode).NotEmpty().When(c => c.Outcome != DecisionOutcome.Approved)
                .WithMessage("A refusal or partial approval must state its reasons (N1).");
            RuleFor(c => c.ReasonCode).Must(code => ReasonCatalog.FindRefusal(code) is not null)
                .When(c => !string.IsNullOrWhiteSpace(c.ReasonCode)).WithMessage("Choose a reason from the list.");
            RuleFor(c => c.ReasonDetails).NotEmpty().When(c => c.ReasonCode == "other")
                .WithMessage("Explain the reason in plain words (N1).");
            RuleFor(c => c.ReasonDetails).MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, RequestPlanner planner, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var lang = request.Language;
            var reason = command.Outcome == DecisionOutcome.Approved || string.IsNullOrWhiteSpace(command.ReasonCode)
                ? null
                : ReasonCatalog.RefusalText(command.ReasonCode, command.ReasonDetails, lang);
            if (reason is not null && AbuseGround(command.ReasonCode) is { } ground)
            {
                // FEE-2, FEE-10: the refusal carries the facts the DPO recorded; FEE-6: an excessive request is refused
                // only with a written reason why a fee would not do.
                if (ground == AbuseClassification.Excessive && string.IsNullOrWhiteSpace(command.ReasonDetails))
                    throw new DomainException("fee.refusal-why-not-fee", "Explain why a fee would not do before refusing an excessive request.", "FEE-6");
                if (request.AbuseClassification == ground)
                    reason += "\n" + new Domain.Plans.LocalizedText("Feiten: ", "Faits : ", "Facts: ").For(lang) + request.RefusalFacts(ground);
                else if (string.IsNullOrWhiteSpace(command.ReasonDetails))
                    request.RefusalFacts(ground); // FEE-2: refused, no facts recorded or given
                else
                    request.Classify(ground, command.ReasonDetails, now, user.Actor); // the details given are the facts (FEE-2)
            }

            Dictionary<Guid, (DecisionOutcome, string?)>? perSub = null;
            if (command.Outcome == DecisionOutcome.PartiallyApproved && command.RefusedSubRequests.Count > 0)
            {
                perSub = request.SubRequests.ToDictionary(s => s.Id, s => command.RefusedSubRequests.Contains(s.Id)
                    ? (DecisionOutcome.Refused, reason)
                    : (DecisionOutcome.Approved, (string?)null));
            }

            // What was approved is preserved: the plan as it stands at the decision (product.md §4).
            if (request.CandidateId is not null || request.IdentityStatus == IdentityStatus.NoDataHeld)
            {
                foreach (var plan in await planner.BuildAsync(request, cancellationToken))
                    request.SubRequests.First(s => s.Id == plan.SubRequest.Id).StorePlan(JsonSerializer.Serialize(plan.Plan, GetRequestPlan.Json), now);
            }

            request.Decide(command.Outcome, reason, now, user.Actor, perSub);

            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Scope"] = StaffMail.Scope(request, lang),
                ["Reasons"] = reason ?? "",
                ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(lang),
            };
            if (perSub is not null)
            {
                values["Scope"] = string.Join(", ", request.SubRequests.Where(s => command.RefusedSubRequests.Contains(s.Id))
                    .Select(s => ReasonCatalog.RightName(s.Type).For(lang)));
            }
            var template = command.Outcome switch
            {
                DecisionOutcome.Approved => "staff-approved",
                DecisionOutcome.PartiallyApproved => "staff-partial-refusal",
                _ => "staff-refusal",
            };
            await mail.QueueAsync(template, request, values);
            return Unit.Value;
        }

        private static AbuseClassification? AbuseGround(string? code) => code switch
        {
            "manifestly-unfounded" => AbuseClassification.ManifestlyUnfounded,
            "excessive" => AbuseClassification.Excessive,
            _ => null,
        };
    }
}

/// <summary>EXT-1..EXT-5: extend once, by the un-extended due date, with coded reasons; the requester is told.</summary>
public static class ExtendRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public string ReasonCode { get; init; } = "";
        public string ReasonDetails { get; init; } = "";
        public DateOnly? NewDueOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.ReasonCode).Must(code => ReasonCatalog.FindExtension(code) is not null).WithMessage("Choose an acceptable reason (EXT-4).");
            RuleFor(c => c.ReasonDetails).NotEmpty().WithMessage("Explain the reasons to the requester (EXT-2).").MaximumLength(2000);
            RuleFor(c => c.NewDueOn).NotNull();
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, StaffMail mail) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var coded = ReasonCatalog.FindExtension(command.ReasonCode)!;
            request.Extend(command.ReasonCode, command.ReasonDetails, command.NewDueOn!.Value, clock.Today(), clock.GetUtcNow(), user.Actor);
            await mail.QueueAsync("staff-extension-notice", request, new Dictionary<string, string>
            {
                ["Reasons"] = coded.Text.For(request.Language) + "\n" + command.ReasonDetails.Trim(),
                ["NewDueOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(command.NewDueOn.Value, request.Language), // the reader's date format
            });
            return Unit.Value;
        }
    }
}

/// <summary>A request received by post, e-mail, phone or in person, registered with its real receipt date (DL-4).</summary>
public static class RegisterRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        public Channel Channel { get; init; } = Channel.Post;
        public DateOnly? ReceivedOn { get; init; }
        public string Language { get; init; } = "nl";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public DateOnly? DateOfBirth { get; init; }
        public List<RequestType> Types { get; init; } = [];
        public string? Description { get; init; }
    }

    public sealed record Result(Guid Id, string Reference, bool ReceiptDateFlagged);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Channel).Must(c => c is Channel.Post or Channel.Email or Channel.Phone or Channel.InPerson)
                .WithMessage("Staff register requests received by post, e-mail, phone or in person.");
            RuleFor(c => c.ReceivedOn).NotNull();
            RuleFor(c => c.ReceivedOn).Must(d => d <= clock.Today()).When(c => c.ReceivedOn is not null)
                .WithMessage("The receipt date cannot be in the future (DL-4).");
            RuleFor(c => c.Language).Must(l => l is "nl" or "fr" or "en");
            RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.LastName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Email).EmailAddress().MaximumLength(254)
                .Must(Api.CandidateInputRules.Deliverable).WithMessage(Api.CandidateInputRules.DeliverableMessage).When(c => !string.IsNullOrWhiteSpace(c.Email));
            RuleFor(c => c.Email).NotEmpty().When(c => c.Channel == Channel.Email);
            RuleFor(c => c.Phone).MaximumLength(40);
            RuleFor(c => c.Types).NotEmpty().WithMessage("Choose at least one right.");
            RuleFor(c => c.Description).MaximumLength(4000);
        }
    }

    public sealed class Handler(ICurrentUser user, RequestIntake intake, StaffMail mail) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // Received "on" a day: the clock runs from that Brussels date (DL-1); noon avoids any DST edge.
            var receivedOn = command.ReceivedOn!.Value;
            var local = receivedOn.ToDateTime(new TimeOnly(12, 0));
            var receivedAt = new DateTimeOffset(local, BrusselsTime.Zone.GetUtcOffset(local)).ToUniversalTime();
            var created = await intake.ReceiveAsync(new RequestIntake.Input(
                command.Channel, receivedAt, command.Language,
                new DataSubjectRequest.Requester(command.FirstName, command.LastName, command.Email?.Trim() ?? "", command.Phone, command.DateOfBirth),
                command.Types.Distinct().Select(t => new DataSubjectRequest.SubRequestInput(t, null)).ToList(),
                command.Description, false, null), user.Actor, cancellationToken);
            var request = created.Request;
            await mail.QueueAsync("staff-registered", request, new Dictionary<string, string>
            {
                ["ReceivedOn"] = PrivacyDesk.Web.Features.Portal.PortalFormat.Date(request.ReceivedOn, request.Language),
                ["Rights"] = StaffMail.Scope(request, request.Language),
            });
            return new Result(request.Id, request.Reference, request.ReceiptDateFlagged);
        }
    }
}

/// <summary>The DPO opens an uploaded identity proof (decrypted with the "IdentityProof" purpose); the viewing is audited.</summary>
public static class ViewProof
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Result?>
    {
        public Guid AttachmentId { get; init; }
    }

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(PrivacyDeskDbContext db, IDataProtectionProvider protection, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var file = await db.Attachments.AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == command.AttachmentId && a.DeletedAt == null, cancellationToken);
            if (file is null || file.EncryptedContent.Length == 0)
                return null;
            var content = protection.CreateProtector("IdentityProof").Unprotect(file.EncryptedContent);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "identity.proof-viewed", $"Identity proof {file.Id} viewed.", file.RequestId));
            return new Result(file.FileName, file.ContentType, content);
        }
    }
}
