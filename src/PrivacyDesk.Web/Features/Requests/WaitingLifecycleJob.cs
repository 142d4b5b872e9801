using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Requests;

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
