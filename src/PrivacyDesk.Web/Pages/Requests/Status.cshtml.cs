using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The candidate's status page behind the secret link (token stored hashed): timeline in plain words,
/// the current due date (extended with its reason; provisional while we wait, CLK-3), messages, the
/// answer to a question (with an identity-document upload only when the DPO asked for proof, ID-6), a
/// new verification link, and withdrawal. A wrong token and an unknown reference give the same page.
/// </summary>
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RateLimited(RateLimitBucket.Portal)]
public sealed class Status(IMediator mediator, IStringLocalizer<Status> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "r")]
    public string? R { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    [BindProperty]
    public Form Data { get; set; } = new();

    public View? Case { get; private set; }

    public string? Flash { get; private set; }

    /// <summary>The link was valid once but a newer one replaced it ("find my request"): say so, not "not found".</summary>
    public bool Replaced { get; private set; }

    /// <summary>After a successful POST the page redirects to itself (PRG); this names what was done, for the message.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["answer"] = "Portal.Status.AnswerSent",
        ["withdrawn"] = "Portal.Status.Withdrawn",
        ["resent"] = "Portal.Verify.Resent",
    };

    public sealed class Form
    {
        public string? Message { get; set; }
        public IFormFile? File { get; set; }
        public bool ConfirmWithdraw { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        // Links built elsewhere (the API's acknowledgement) spell the parameters out in full.
        R ??= Request.Query["reference"].FirstOrDefault();
        T ??= Request.Query["token"].FirstOrDefault();
        await mediator.Send(new AdoptStatusLink.Command { Reference = R, Token = T });
        if (Done is not null && DoneMessages.TryGetValue(Done, out var doneKey))
            Flash = l[doneKey];
        return await ShowAsync();
    }

    /// <summary>A deliverable straight from the status page while it is valid (ACC-5); counted like the e-mailed link.</summary>
    public async Task<IActionResult> OnGetPackageAsync(Guid p)
    {
        var file = await mediator.Send(new FetchPackage { Reference = R, Token = T, PackageId = p });
        if (file is null)
            return await ShowAsync();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        Upload? upload = null;
        if (Data.File is { } file)
        {
            var content = file.Length is > 0 and <= UploadedFileCheck.MaxBytes ? await ReadAsync(file) : [];
            upload = new Upload(file.FileName, file.Length, content);
        }
        return await RunAsync(new Answer { Reference = R, Token = T, Message = Data.Message, File = upload }, "answer");
    }

    public async Task<IActionResult> OnPostWithdrawAsync() =>
        await RunAsync(new Withdraw { Reference = R, Token = T, ConfirmWithdraw = Data.ConfirmWithdraw }, "withdrawn");

    public async Task<IActionResult> OnPostResendAsync()
    {
        try
        {
            await mediator.Send(new ResendVerification { Reference = R, StatusToken = T });
            return Back("resent");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Code == ResendVerification.TooSoon ? l["Portal.Verify.TooSoon"] : l["Portal.Error.NotPossible"]);
        }
        catch (NotFoundException)
        {
            // Same page as an unknown reference.
        }
        return await ShowAsync();
    }

    /// <summary>Post/Redirect/Get: a reload after a successful POST shows the page again instead of posting twice or "not found".</summary>
    private RedirectToPageResult Back(string done) => RedirectToPage("/Requests/Status", new { r = R, t = T, done });

    private async Task<IActionResult> RunAsync<T>(IRequest<T> command, string done)
    {
        try
        {
            await mediator.Send(command);
            return Back(done);
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
                ModelState.AddModelError("Data." + error.PropertyName, error.ErrorMessage);
        }
        catch (DomainException)
        {
            ModelState.AddModelError("", l["Portal.Error.NotPossible"]);
        }
        catch (NotFoundException)
        {
            // Same page as an unknown reference.
        }
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        Case = await mediator.Send(new Query { Reference = R, Token = T });
        if (Case is null)
        {
            ModelState.Clear();
            Flash = null;
            Replaced = await mediator.Send(new WasReplaced { Reference = R, Token = T });
            Response.StatusCode = Replaced ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        }
        return Page();
    }

    private static async Task<byte[]> ReadAsync(IFormFile file)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Public]
    public sealed record Query : IRequest<View?>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed record TimelineItem(DateTimeOffset At, string Type);

    public sealed record MessageItem(DateTimeOffset At, bool FromYou, string Body);

    public sealed record PackageItem(Guid Id, PackageKind Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired);

    /// <summary>One right asked for and, once decided, what became of it.</summary>
    public sealed record RightItem(RequestType Type, DecisionOutcome? Outcome, string? Reason, bool Executed);

    /// <summary>The five steps the candidate sees: received → identity → in review → being carried out → answered.</summary>
    public enum Step
    {
        Received = 1,
        Identity = 2,
        InReview = 3,
        CarryingOut = 4,
        Answered = 5,
    }

    public sealed record View(
        string Reference,
        RequestStatus Status,
        WaitingReason? WaitingReason,
        IdentityStatus IdentityStatus,
        IReadOnlyList<RequestType> Types,
        DateOnly ReceivedOn,
        DateOnly DueOn,
        bool DueIsProvisional,
        DateOnly? ExtendedDueOn,
        string? ExtensionReason,
        IReadOnlyList<TimelineItem> Timeline,
        IReadOnlyList<MessageItem> Messages,
        IReadOnlyList<PackageItem> Packages,
        IReadOnlyList<RightItem> Rights,
        DateOnly? AnswerBy,
        DateTimeOffset? VerificationExpiresAt)
    {
        public bool Ended => Status is RequestStatus.Withdrawn or RequestStatus.Abandoned;

        public Step CurrentStep => Status switch
        {
            RequestStatus.Received => IdentityStatus is IdentityStatus.NotChecked or IdentityStatus.MoreProofRequested ? Step.Identity : Step.InReview,
            RequestStatus.AwaitingDataSubject => WaitingReason == Domain.Requests.WaitingReason.Identity ? Step.Identity : Step.InReview,
            RequestStatus.InReview => Step.InReview,
            RequestStatus.Approved or RequestStatus.PartiallyApproved or RequestStatus.InExecution => Step.CarryingOut,
            _ => Step.Answered,
        };

        public IEnumerable<PackageItem> ValidPackages => Packages.Where(p => !p.Expired);

        public bool CanWithdraw => Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject or RequestStatus.InReview
            or RequestStatus.Approved or RequestStatus.PartiallyApproved;

        public bool CanAnswer => Status == RequestStatus.AwaitingDataSubject && WaitingReason is Domain.Requests.WaitingReason.Identity or Domain.Requests.WaitingReason.Clarification;

        /// <summary>ID-6: a document copy only as the last step, when the DPO asked for more proof of identity.</summary>
        public bool CanUpload => Status == RequestStatus.AwaitingDataSubject && WaitingReason == Domain.Requests.WaitingReason.Identity;

        public bool CanResendVerification => IdentityStatus == IdentityStatus.NotChecked && CanWithdraw;

        public DateOnly CurrentDueOn => ExtendedDueOn ?? DueOn;
    }

    /// <summary>The audit events a candidate sees, in plain words; staff-only events (notes, assignment, links to records) stay hidden.</summary>
    public static readonly HashSet<string> PublicEvents =
    [
        "request.received", "identity.link-sent", "identity.email-confirmed", "identity.verified", "request.waiting",
        "request.answer-received", "identity.proof-uploaded", "request.in-review", "request.extended", "request.decided",
        "request.execution-started", "request.completed", "request.final-answer-sent", "request.closed", "request.withdrawn",
        "request.abandoned", "request.message", "request.status-link-renewed", "package.ready",
    ];

    public sealed class QueryHandler(PrivacyDeskDbContext db, DeadlineService deadlines, RulesConfiguration rules, TimeProvider clock) : IRequestHandler<Query, View?>
    {
        public async Task<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.AsNoTracking().Include(r => r.WaitingPeriods), query.Reference, query.Token, cancellationToken);
            if (request is null)
                return null;
            var now = clock.GetUtcNow();
            // CLK-3: while waiting, the provisional date as of today is shown (computed, never stored from a read).
            var (dueOn, provisional) = (request.DueOn, request.DueIsProvisional);
            if (request.IsOpen && request.Status == RequestStatus.AwaitingDataSubject)
            {
                var computed = deadlines.Compute(request);
                (dueOn, provisional) = (computed.DueBase, computed.IsProvisional);
            }

            var events = await db.AuditEvents.AsNoTracking()
                .Where(e => e.RequestId == request.Id && PublicEvents.Contains(e.Type))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence)
                .Select(e => new TimelineItem(e.OccurredAt, e.Type))
                .ToListAsync(cancellationToken);
            var messages = await db.RequestMessages.AsNoTracking()
                .Where(m => m.RequestId == request.Id && !m.Internal)
                .OrderBy(m => m.At)
                .Select(m => new MessageItem(m.At, m.FromDataSubject, m.Body))
                .ToListAsync(cancellationToken);
            var packages = await db.Packages.AsNoTracking()
                .Where(p => p.RequestId == request.Id)
                .OrderBy(p => p.CreatedAt)
                .Select(p => new PackageItem(p.Id, p.Kind, p.CreatedAt, p.ExpiresAt, p.ExpiresAt <= now))
                .ToListAsync(cancellationToken);
            // CLK-4: the candidate has ABANDON_AFTER_DAYS from the (last) question to answer.
            var asked = request.Status == RequestStatus.AwaitingDataSubject
                ? request.WaitingPeriods.Where(w => w.ReceivedOn is null).Select(w => (DateOnly?)w.RequestedOn).Max()
                : null;
            var rights = request.SubRequests.OrderBy(s => s.Type)
                .Select(s => new RightItem(s.Type, s.Outcome, s.OutcomeReason, s.ExecutedAt is not null)).ToList();
            return new View(request.Reference, request.Status, request.WaitingReason, request.IdentityStatus,
                request.SubRequests.Select(s => s.Type).OrderBy(t => t).ToList(), request.ReceivedOn, dueOn, provisional,
                request.ExtendedDueOn, request.ExtensionReason, events, messages, packages, rights,
                asked?.AddDays(rules.Clock.AbandonAfterDays), request.VerificationExpiresAt);
        }
    }

    public sealed record Upload(string? FileName, long Length, byte[] Content);

    /// <summary>The candidate answers the DPO's question (identity or clarification), optionally with a document (identity only).</summary>
    [Public]
    public sealed record Answer : ICommand<Unit>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public string? Message { get; init; }
        public Upload? File { get; init; }
    }

    public sealed class AnswerValidator : AbstractValidator<Answer>
    {
        public AnswerValidator(IStringLocalizer<Status> l)
        {
            RuleFor(a => a.Message).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Portal.Val.AnswerRequired"]).When(a => a.File is null)
                .MaximumLength(4000).WithMessage(_ => l["Portal.Val.TooLong", 4000])
                .Must(PortalInput.IsPlainText).WithMessage(_ => l["Portal.Val.NoMarkup"]);
            RuleFor(a => a.File!).Custom((file, ctx) =>
            {
                var check = UploadedFileCheck.Check(file.FileName, file.Length, file.Content.AsSpan(0, Math.Min(16, file.Content.Length)));
                if (!check.Ok)
                    ctx.AddFailure("File", l["Portal.Upload." + check.Problem, UploadedFileCheck.MaxBytes / (1024 * 1024)]);
            }).When(a => a.File is not null);
        }
    }

    public sealed class AnswerHandler(PrivacyDeskDbContext db, DeadlineService deadlines, IdentityProofStore proofs, WaitingMail mail, TimeProvider clock) : IRequestHandler<Answer, Unit>
    {
        public async Task<Unit> Handle(Answer command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.Include(r => r.WaitingPeriods), command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            if (request.Status != RequestStatus.AwaitingDataSubject || request.WaitingReason is not (WaitingReason.Identity or WaitingReason.Clarification))
                throw new DomainException("portal.not-waiting", "This request is not waiting for an answer.");
            if (command.File is not null && request.WaitingReason != WaitingReason.Identity)
                throw new DomainException("portal.upload-not-asked", "An identity document is only accepted when we asked for proof of identity.", "ID-6");

            var now = clock.GetUtcNow();
            var today = BrusselsTime.ToBrusselsDate(now);
            if (!string.IsNullOrWhiteSpace(command.Message))
                request.AddMessage(fromDataSubject: true, internalNote: false, "candidate", command.Message, now);
            if (command.File is { } file)
            {
                var check = UploadedFileCheck.Check(file.FileName, file.Length, file.Content);
                proofs.Add(request.Id, check.SafeFileName!, check.ContentType!, file.Content);
                request.Record(now, "candidate", "identity.proof-uploaded", "Identity document uploaded; stored encrypted until identity is settled (ID-6).");
            }
            request.ReceiveFromDataSubject(today, now, "candidate");
            deadlines.Recompute(request, "candidate", "answer received on the portal, the wait ends (CLK-3)");
            await mail.AnswerReceivedAsync(request, today);
            return Unit.Value;
        }
    }

    [Public]
    public sealed record Withdraw : ICommand<Unit>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public bool ConfirmWithdraw { get; init; }
    }

    public sealed class WithdrawValidator : AbstractValidator<Withdraw>
    {
        public WithdrawValidator(IStringLocalizer<Status> l) =>
            RuleFor(w => w.ConfirmWithdraw).Equal(true).WithMessage(_ => l["Portal.Val.ConfirmWithdraw"]);
    }

    public sealed class WithdrawHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<Withdraw, Unit>
    {
        public async Task<Unit> Handle(Withdraw command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests, command.Reference, command.Token, cancellationToken)
                ?? throw new NotFoundException("Request");
            var now = clock.GetUtcNow();
            request.Withdraw(now, "candidate"); // deletes the identity proofs too (ID-6)
            return Unit.Value;
        }
    }

    /// <summary>True when the reference and token match a status link that a newer one replaced.</summary>
    [Public]
    public sealed record WasReplaced : IRequest<bool>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
    }

    public sealed class WasReplacedHandler(PrivacyDeskDbContext db) : IRequestHandler<WasReplaced, bool>
    {
        public Task<bool> Handle(WasReplaced query, CancellationToken cancellationToken) =>
            ReplacedStatusLinks.WasReplacedAsync(db, query.Reference, query.Token, cancellationToken);
    }

    /// <summary>Counts the download and returns the file; null when the link, the package or its validity does not hold.</summary>
    [Public]
    public sealed record FetchPackage : ICommand<Download.FileResult?>
    {
        public string? Reference { get; init; }
        public string? Token { get; init; }
        public Guid PackageId { get; init; }
    }

    public sealed class FetchPackageHandler(PrivacyDeskDbContext db, TimeProvider clock) : IRequestHandler<FetchPackage, Download.FileResult?>
    {
        public async Task<Download.FileResult?> Handle(FetchPackage command, CancellationToken cancellationToken)
        {
            var request = await SecretLinks.ByStatusTokenAsync(db.Requests.AsNoTracking(), command.Reference, command.Token, cancellationToken);
            if (request is null)
                return null;
            var now = clock.GetUtcNow();
            var package = await db.Packages.FirstOrDefaultAsync(p => p.Id == command.PackageId && p.RequestId == request.Id, cancellationToken);
            if (package is null || package.ExpiresAt <= now)
                return null;
            package.DownloadCount++;
            package.LastDownloadedAt = now;
            return new Download.FileResult(package.FileName, package.ContentType, package.Content);
        }
    }
}
