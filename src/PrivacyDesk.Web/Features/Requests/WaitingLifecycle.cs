using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>The e-mails that tell the person where a wait stands (CLK-2, CLK-4, FEE-8), in the request's language.</summary>
public sealed class WaitingMail(StaffMail mail, RulesConfiguration rules)
{
    private static readonly LocalizedText ClockPaused = new(
        "Zolang wij op uw antwoord wachten, loopt de termijn niet verder; uw actuele uiterste datum ziet u op de statuspagina.",
        "Tant que nous attendons votre réponse, le délai est suspendu ; la date limite actuelle figure sur votre page de suivi.",
        "While we wait for your answer the time limit is paused; your status page always shows the current due date.");

    private static readonly LocalizedText ClockRunning = new(
        "De termijn om u te antwoorden loopt intussen gewoon verder.",
        "Le délai pour vous répondre continue entre-temps de courir.",
        "The time limit for our answer keeps running in the meantime.");

    private int AbandonAfterDays => rules.Clock.AbandonAfterDays;

    public Task QuestionAsync(DataSubjectRequest request, string message)
    {
        var wait = OpenWait(request);
        return mail.QueueAsync("lifecycle-question", request, new Dictionary<string, string>
        {
            ["Message"] = message,
            ["ClockNote"] = (wait?.Necessary == true ? ClockPaused : ClockRunning).For(request.Language),
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
        });
    }

    public Task ReminderAsync(DataSubjectRequest request) =>
        mail.QueueAsync("lifecycle-reminder", request, new Dictionary<string, string>
        {
            ["AskedOn"] = Date(OpenWait(request)?.AskedOn),
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
        });

    /// <summary>CLK-4: the closing notice carries the Art. 12(4) elements and never says whether data exist.</summary>
    public Task AbandonedAsync(DataSubjectRequest request, DateOnly askedOn) =>
        mail.QueueAsync("lifecycle-abandoned", request, new Dictionary<string, string>
        {
            ["AskedOn"] = Date(askedOn),
            ["Days"] = AbandonAfterDays.ToString(CultureInfo.InvariantCulture),
            ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(request.Language),
        });

    public Task AnswerReceivedAsync(DataSubjectRequest request, DateOnly receivedOn) =>
        mail.QueueAsync("lifecycle-answer-received", request, new Dictionary<string, string> { ["ReceivedOn"] = Date(receivedOn) });

    public Task FeeNoticeAsync(DataSubjectRequest request) =>
        mail.QueueAsync("lifecycle-fee-notice", request, new Dictionary<string, string>
        {
            ["Facts"] = request.AbuseFacts ?? "",
            ["Amount"] = Amount(request.FeeAmount),
            ["Basis"] = request.FeeBasis ?? "",
            ["AbandonOn"] = Date(request.AbandonableOn(AbandonAfterDays)),
            ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(request.Language),
        });

    public Task FeePaidAsync(DataSubjectRequest request, DateOnly receivedOn) =>
        mail.QueueAsync("lifecycle-fee-paid", request, new Dictionary<string, string>
        {
            ["Amount"] = Amount(request.FeeAmount),
            ["ReceivedOn"] = Date(receivedOn),
        });

    private static WaitingPeriod? OpenWait(DataSubjectRequest request) =>
        request.WaitingPeriods.Where(w => w.ReceivedOn is null).MaxBy(w => w.AskedOn);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Amount(decimal? amount) => (amount ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// The person answered by post, phone, e-mail or at the desk: the DPO records it on their behalf (CLK-2(3): the date
/// the complete information arrived), the wait ends, the dates are recomputed with an audit entry (§1.9, CLK-3)
/// and the person is told.
/// </summary>
public static class RecordAnswer
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }

        /// <summary>What came in and how (e.g. "copy of the identity card by post, checked at the desk").</summary>
        public string Summary { get; init; } = "";

        /// <summary>The day the answer arrived; today when empty. Never in the future, never before the question.</summary>
        public DateOnly? ReceivedOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Summary).NotEmpty().WithMessage("Record what came in and how (CLK-2(3)).").MaximumLength(4000);
            RuleFor(c => c.ReceivedOn).Must(d => d is null || d <= clock.Today()).WithMessage("The answer cannot arrive in the future.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var receivedOn = command.ReceivedOn ?? clock.Today();
            if (request.WaitingReason == WaitingReason.Fee)
                throw new DomainException("fee.answer", "Record a payment or its refusal for a fee, not an answer.", "FEE-8");
            if (request.WaitingPeriods.Any(w => w.ReceivedOn is null && receivedOn < w.AskedOn))
                throw new DomainException("request.answer-before-question", "The answer cannot arrive before the question was sent.", "CLK-3");
            request.AddMessage(fromDataSubject: false, internalNote: true, user.Actor, $"Answer received on {receivedOn:yyyy-MM-dd}, recorded by staff: {command.Summary.Trim()}", now);
            request.ReceiveFromDataSubject(receivedOn, now, user.Actor);
            deadlines.Recompute(request, user.Actor, "answer recorded by staff on the person's behalf, the wait ends (CLK-3)");
            await mail.AnswerReceivedAsync(request, receivedOn);
            return Unit.Value;
        }
    }
}

/// <summary>FEE-2: the DPO classifies a request as manifestly unfounded or excessive, with the facts relied on.</summary>
public static class ClassifyRequest
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public AbuseClassification? Classification { get; init; }
        public string Facts { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Classification).NotNull().IsInEnum().WithMessage("Choose manifestly unfounded or excessive (FEE-2).");
            RuleFor(c => c.Facts).NotEmpty().WithMessage("State the facts relied on: earlier requests with dates and scope, statements by the person (FEE-2).")
                .MaximumLength(4000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.Classify(command.Classification!.Value, command.Facts, clock.GetUtcNow(), user.Actor);
            return Unit.Value;
        }
    }
}

/// <summary>FEE-6..FEE-8: a fee for an excessive request, its amount and basis told before anything is charged.</summary>
public static class ChargeFee
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public decimal? Amount { get; init; }
        public string Basis { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Amount).NotNull().GreaterThan(0).LessThanOrEqualTo(10_000).PrecisionScale(10, 2, true)
                .WithMessage("Give the fee in euro, more than 0, with at most two decimals (FEE-7).");
            RuleFor(c => c.Basis).NotEmpty().WithMessage("Explain how the fee follows from the administrative cost of this request (FEE-7).")
                .MaximumLength(2000);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            request.ChargeFee(command.Amount!.Value, command.Basis, clock.Today(), clock.GetUtcNow(), user.Actor);
            deadlines.Recompute(request, user.Actor, "waiting for a fee, CLK-1 CLOCK_FEE");
            await mail.FeeNoticeAsync(request);
            return Unit.Value;
        }
    }
}

/// <summary>The person paid the fee, or refused to pay it (then the request is refused with the facts, FEE-10).</summary>
public static class RecordFeePayment
{
    [RequiresRole(Roles.Dpo)]
    public sealed record Command : ICommand<Unit>
    {
        public Guid RequestId { get; init; }
        public uint Version { get; init; }
        public bool? Paid { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty();
            RuleFor(c => c.Paid).NotNull().WithMessage("Record whether the fee was paid or refused (FEE-8).");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock, DeadlineService deadlines, WaitingMail mail, StaffMail staffMail)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.LoadForChangeAsync(command.RequestId, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var today = clock.Today();
            if (command.Paid == true)
            {
                request.RecordFeePaid(today, now, user.Actor);
                deadlines.Recompute(request, user.Actor, "fee paid, the fee wait ends (CLK-3)");
                await mail.FeePaidAsync(request, today);
                return Unit.Value;
            }
            var lang = request.Language;
            var reason = ReasonCatalog.RefusalText("excessive", FeeRefusalDetails(request, lang), lang);
            request.RecordFeeNotPaid(reason, today, now, user.Actor);
            deadlines.Recompute(request, user.Actor, "fee not paid, the fee wait ends (CLK-3)");
            await staffMail.QueueAsync("staff-refusal", request, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Scope"] = StaffMail.Scope(request, lang),
                ["Reasons"] = reason,
                ["ComplaintBlock"] = Mail.EmailTemplates.ComplaintBlock(lang),
            });
            return Unit.Value;
        }

        private static string FeeRefusalDetails(DataSubjectRequest request, string lang)
        {
            var amount = (request.FeeAmount ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
            var facts = request.RefusalFacts(AbuseClassification.Excessive);
            return new LocalizedText(
                $"Feiten: {facts}\nDe gevraagde vergoeding van EUR {amount} ({request.FeeBasis}) werd niet betaald.",
                $"Faits : {facts}\nLes frais demandés de {amount} EUR ({request.FeeBasis}) n'ont pas été payés.",
                $"Facts: {facts}\nThe fee asked of EUR {amount} ({request.FeeBasis}) was not paid.").For(lang);
        }
    }
}

/// <summary>
/// The daily waiting job (CLK-3, CLK-4): refreshes the provisional due date of every waiting request (audited, §1.9),
/// sends one reminder WAITING_REMINDER_DAYS after each question and closes a request as abandoned ABANDON_AFTER_DAYS
/// after the last question, with its closing notice. One instance at a time: a transaction-scoped advisory lock,
/// like the audit sealer; a second instance returns at once.
/// </summary>
public sealed class WaitingLifecycleJob(PrivacyDeskDbContext db, DeadlineService deadlines, RulesConfiguration rules, WaitingMail mail, TimeProvider clock)
{
    private const long LockKey = 0x5044_5741_4954; // "PDWAIT"

    public sealed record Report(bool Ran, int Waiting, int Refreshed, int Reminded, int Abandoned);

    public async Task<Report> RunAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", LockKey).SingleAsync(ct);
        if (!locked)
            return new Report(false, 0, 0, 0, 0);
        var now = clock.GetUtcNow();
        var today = BrusselsTime.ToBrusselsDate(now);
        var waiting = await db.Requests.Include(r => r.WaitingPeriods)
            .Where(r => r.Status == RequestStatus.AwaitingDataSubject)
            .OrderBy(r => r.Reference)
            .ToListAsync(ct);
        int refreshed = 0, reminded = 0, abandoned = 0;
        foreach (var request in waiting)
        {
            if (request.AbandonableOn(rules.Clock.AbandonAfterDays) is { } abandonOn && today >= abandonOn)
            {
                var askedOn = request.WaitingPeriods.Where(w => w.ReceivedOn is null).Max(w => w.AskedOn);
                request.Abandon(today, rules.Clock.AbandonAfterDays, now, "system");
                await mail.AbandonedAsync(request, askedOn);
                abandoned++;
                continue;
            }
            if (request.RemindDataSubject(today, rules.Clock.WaitingReminderDays, now, "system"))
            {
                await mail.ReminderAsync(request);
                reminded++;
            }
            if (deadlines.Recompute(request, "system", "daily refresh of the provisional due date while waiting, CLK-3"))
                refreshed++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Report(true, waiting.Count, refreshed, reminded, abandoned);
    }
}
