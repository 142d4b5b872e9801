using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// Carries out the approved plan of one sub-request on the candidate's records (2.0.8 order is kept by
/// the caller). Runs inside the step's transaction; a sub-request already executed is left alone, so
/// executing twice is the same as once.
/// </summary>
public sealed class SubRequestExecutor(PrivacyDeskDbContext db, SuppressionList suppression, TimeProvider clock, ExecutionHooks hooks,
    Plans.RequestPlanner planner)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Rights whose work is a package built elsewhere (access report, portability archive).</summary>
    public static bool IsPackage(RequestType type) => type is RequestType.Access or RequestType.Portability;

    /// <summary>2.0.8: snapshots first, then rectification, restriction, objection (and withdrawal), erasure last.</summary>
    public static int Order(RequestType type) => type switch
    {
        RequestType.Access => 0,
        RequestType.Portability => 1,
        RequestType.Rectification => 2,
        RequestType.Restriction => 3,
        RequestType.Objection => 4,
        RequestType.ConsentWithdrawal => 5,
        RequestType.Erasure => 6,
        _ => 9,
    };

    public async Task ExecuteAsync(DataSubjectRequest request, SubRequest sub, RequestPlan plan, string actor, CancellationToken ct)
    {
        if (sub.ExecutedAt is not null || IsPackage(sub.Type))
            return;
        var now = clock.GetUtcNow();
        if (plan.NoDataHeld || request.CandidateId is not { } candidateId)
        {
            request.Record(now, actor, "execution.no-data", $"{sub.Type}: no data held, nothing to carry out.");
            sub.MarkExecuted(now);
            return;
        }

        var candidate = await RequestPlanner.LoadCandidateAsync(db, candidateId, ct, tracking: true)
            ?? throw new DomainException("execution.no-candidate", "The candidate linked to this request no longer exists.");
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.CandidateId == candidateId).ToListAsync(ct);
        var run = new Run(request, sub, plan, candidate, new CandidateRecordAccess(candidate), holds, actor, now, BrusselsTime.Today(clock));

        switch (sub.Type)
        {
            case RequestType.Rectification:
                Rectify(run);
                break;
            case RequestType.Restriction:
                Restrict(run);
                break;
            case RequestType.Objection:
                await ObjectAsync(run, ct);
                break;
            case RequestType.ConsentWithdrawal:
                await WithdrawConsentsAsync(run, ct);
                break;
            case RequestType.Erasure:
                await EraseAsync(run, restrictKept: true, ct);
                break;
        }

        candidate.UpdatedAt = now;
        sub.MarkExecuted(now);
    }

    private sealed record Run(DataSubjectRequest Request, SubRequest Sub, RequestPlan Plan, Candidate Candidate, CandidateRecordAccess Records,
        IReadOnlyList<LegalHold> Holds, string Actor, DateTimeOffset Now, DateOnly Today)
    {
        public string Channel => $"{Request.Channel} request {Request.Reference}";
    }

    // ---------------------------------------------------------------- rectification (RECT-*)

    private void Rectify(Run run)
    {
        var details = SubRequestDetails.From(run.Sub);
        foreach (var item in details.Corrections ?? [])
        {
            var lines = run.Plan.Lines.Where(l => l.RecordSet == item.RecordSet && l.Outcome is PlanOutcome.Correct or PlanOutcome.AddStatement).ToList();
            if (lines.Count == 0)
                continue; // refused or not found: the answer explains it (RECT-8)
            var ids = lines.SelectMany(l => l.RecordIds).ToHashSet();
            var statement = lines.Any(l => l.Outcome == PlanOutcome.AddStatement);
            var targets = item.RecordSet == RecordSet.CandidateProfile
                ? (ids.Contains(run.Candidate.Id) ? [run.Candidate] : [])
                : ids.Select(run.Records.Find).Where(r => r is not null).Cast<object>().ToList();
            foreach (var target in targets)
            {
                if (statement)
                    AddStatement(run, item, target);
                else
                    Correct(run, item, target);
            }
        }
    }

    private static PropertyInfo? Field(object target, string field)
    {
        var name = field.Trim().Equals("NationalNumber", StringComparison.OrdinalIgnoreCase) ? nameof(Candidate.NationalNumberEncrypted) : field.Trim();
        return target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
    }

    private void Correct(Run run, RectificationDetail item, object target)
    {
        var property = Field(target, item.Field);
        if (property is null)
            return;
        var before = CandidateRecordAccess.Format(property.GetValue(target));
        if (item.CurrentValue is not null && !string.Equals(before?.Trim(), item.CurrentValue.Trim(), StringComparison.OrdinalIgnoreCase))
            return; // the plan matched records by their current value
        var recordId = target is CandidateRecord r ? r.Id : run.Candidate.Id;

        // The national number is stored encrypted by the intake; it cannot be re-encrypted here: a back-office task does it.
        if (property.Name == nameof(Candidate.NationalNumberEncrypted)
            || !CandidateRecordAccess.TryConvert(item.NewValue, property.PropertyType, out var value))
        {
            db.Tasks.Add(new WorkTask(run.Request.Id, WorkTaskKind.ApplyRectification,
                $"Apply correction of {property.Name} ({item.RecordSet})",
                $"Correct {property.Name} of record {recordId} in {item.RecordSet} to the value the person gave in the request; this field cannot be changed automatically.",
                $"Rectification — {item.RecordSet}: Art. 16 GDPR (RECT-1)", run.Now));
            return;
        }

        if (target is PayrollRecord or TaxRecord)
        {
            // RECT-5: an issued payslip or tax record is corrected by a dated corrective entry; the original stays readable.
            var corrective = CorrectiveEntry((CandidateRecord)target, run.Today);
            property.SetValue(corrective, value);
            if (corrective is PayrollRecord p)
                run.Candidate.PayrollRecords.Add(p);
            else
                run.Candidate.TaxRecords.Add((TaxRecord)corrective);
            Audit(run, "rectification.corrective-entry", $"{item.RecordSet}: corrective entry {corrective.Id} for record {recordId}, field {property.Name} (RECT-5).",
                new { recordSet = item.RecordSet.ToString(), recordId, correctiveId = corrective.Id, field = property.Name, before, after = CandidateRecordAccess.Format(value) });
            return;
        }

        property.SetValue(target, value);
        Audit(run, "rectification.applied", $"{item.RecordSet}: field {property.Name} of record {recordId} corrected (RECT-1).",
            new { recordSet = item.RecordSet.ToString(), recordId, field = property.Name, before, after = CandidateRecordAccess.Format(value) });
    }

    private static CandidateRecord CorrectiveEntry(CandidateRecord original, DateOnly today)
    {
        CandidateRecord copy = original switch
        {
            PayrollRecord p => new PayrollRecord
            {
                CandidateId = p.CandidateId, DocumentType = p.DocumentType, Year = p.Year, Month = p.Month,
                GrossAmount = p.GrossAmount, NetAmount = p.NetAmount, BankAccount = p.BankAccount, Restricted = p.Restricted,
            },
            TaxRecord t => new TaxRecord
            {
                CandidateId = t.CandidateId, TaxYear = t.TaxYear, Form = t.Form, TaxableAmount = t.TaxableAmount,
                WithholdingTax = t.WithholdingTax, Restricted = t.Restricted,
            },
            _ => throw new InvalidOperationException("Only statutory records get corrective entries."),
        };
        copy.CollectedOn = today;
        return copy;
    }

    private static void AddStatement(Run run, RectificationDetail item, object target)
    {
        var recordId = target is CandidateRecord r ? r.Id : run.Candidate.Id;
        // RECT-3: the opinion stays as written; the person's own statement is stored next to it.
        switch (target)
        {
            case InterviewNote note:
                note.CandidateStatement = item.NewValue.Trim();
                break;
            case Evaluation evaluation:
                evaluation.CandidateStatement = item.NewValue.Trim();
                break;
            default:
                return;
        }
        Audit(run, "rectification.statement-added", $"{item.RecordSet}: the person's statement added to record {recordId} (RECT-3).",
            new { recordSet = item.RecordSet.ToString(), recordId, field = item.Field, statement = item.NewValue.Trim() });
    }

    // ---------------------------------------------------------------- restriction (RS-*)

    private static void Restrict(Run run)
    {
        var counts = new Dictionary<RecordSet, int>();
        foreach (var decision in run.Plan.Records.Where(d => d.Outcome == PlanOutcome.Restrict))
        {
            if (decision.RecordSet == RecordSet.CandidateProfile)
            {
                run.Candidate.Restricted = true;
                run.Candidate.RestrictionNote = $"Art. 18 GDPR, request {run.Request.Reference}";
                run.Candidate.RestrictedByRequestId = run.Request.Id; // RS-2: stored only, never swept
            }
            else if (run.Records.Find(decision.RecordId) is { } record)
            {
                record.Restricted = true;
                record.RestrictedByRequestId = run.Request.Id;
            }
            else
            {
                continue;
            }
            counts[decision.RecordSet] = counts.GetValueOrDefault(decision.RecordSet) + 1;
        }
        Audit(run, "restriction.applied", $"Restriction applied: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))} (RS-2).",
            counts.ToDictionary(c => c.Key.ToString(), c => c.Value));
    }

    // ---------------------------------------------------------------- objection and consent withdrawal (OB-*, CW-*)

    private async Task ObjectAsync(Run run, CancellationToken ct)
    {
        var details = SubRequestDetails.From(run.Sub);
        if (details.Marketing)
        {
            // OB-3: marketing stops on registration, a suppression entry is kept; the file itself is not erased.
            var marketing = await db.Purposes.AsNoTracking().Where(p => p.IsMarketing).Select(p => p.Code).ToListAsync(ct);
            var withdrawn = WithdrawConsents(run, run.Candidate.Consents.Where(c => marketing.Contains(c.PurposeCode)));
            await SuppressAsync(run, SuppressionReason.MarketingObjection, ct);
            Audit(run, "objection.marketing", $"Marketing objection registered: {withdrawn} marketing consent(s) stopped, suppression entry kept (OB-3).");
        }
        await EraseAsync(run, restrictKept: false, ct);
    }

    private async Task WithdrawConsentsAsync(Run run, CancellationToken ct)
    {
        var stoppedConsentIds = run.Plan.Lines
            .Where(l => l.RecordSet == RecordSet.Consents && l.Outcome == PlanOutcome.StopProcessing)
            .SelectMany(l => l.RecordIds).ToHashSet();
        var consents = run.Candidate.Consents.Where(c => stoppedConsentIds.Contains(c.Id)).ToList();
        var withdrawn = WithdrawConsents(run, consents);
        var marketingCodes = await db.Purposes.AsNoTracking().Where(p => p.IsMarketing).Select(p => p.Code).ToListAsync(ct);
        if (consents.Any(c => marketingCodes.Contains(c.PurposeCode)))
            await SuppressAsync(run, SuppressionReason.MarketingObjection, ct); // CW-6
        Audit(run, "consent.withdrawn", $"{withdrawn} consent(s) withdrawn; the proof of consent and withdrawal is kept (CW-2, CW-3).");
        await EraseAsync(run, restrictKept: false, ct);
    }

    /// <summary>CW-3: the consent row stays as minimal proof with the date and channel of its withdrawal.</summary>
    private static int WithdrawConsents(Run run, IEnumerable<Consent> consents)
    {
        var count = 0;
        foreach (var consent in consents.Where(c => c.WithdrawnAt is null))
        {
            consent.WithdrawnAt = run.Now;
            consent.WithdrawalChannel = run.Channel.Length > 100 ? run.Channel[..100] : run.Channel;
            count++;
        }
        return count;
    }

    // ---------------------------------------------------------------- erasure (ER-*)

    /// <summary>
    /// For held records: the day each becomes due for erasure once the hold is lifted, from the plan computed
    /// as if there were no hold (erase → today; kept by a statute → the day after its date; otherwise none).
    /// </summary>
    private async Task<Dictionary<Guid, DateOnly?>> ErasureDatesWithoutHoldsAsync(Run run, CancellationToken ct)
    {
        var unheld = (await planner.BuildAsync(run.Request, ct, ignoreHolds: true)).First(p => p.SubRequest.Id == run.Sub.Id).Plan;
        return unheld.Records.ToDictionary(d => d.RecordId, d => d switch
        {
            { Outcome: PlanOutcome.Erase or PlanOutcome.Anonymise } => run.Today,
            { Outcome: PlanOutcome.KeepRestrictedUntil, KeepUntil: { } until } => until.AddDays(1) > run.Today ? until.AddDays(1) : run.Today,
            _ => (DateOnly?)null,
        });
    }

    /// <summary>Restricted by an Art. 18 request or an earlier erasure, not merely by the placement of a hold (LH-3).</summary>
    private static bool RestrictedOtherThanByHold(Candidate candidate) =>
        candidate.Restricted && (candidate.RestrictedByHoldId is null || candidate.RestrictedByRequestId is not null);

    private readonly record struct LedgerKey(RecordSet Set, LedgerAction Action, string? Rule, DateOnly? DueOn, Guid? HoldId);

    /// <summary>
    /// Applies the per-record verdicts (2.0.1) of an erasure, an upheld objection or a withdrawal: erase or
    /// anonymise per annotation; kept records of an erasure are restricted and scheduled (ER-7), held ones wait for the hold (LH-3).
    /// </summary>
    private async Task EraseAsync(Run run, bool restrictKept, CancellationToken ct)
    {
        var linesById = new Dictionary<Guid, List<PlanLine>>();
        foreach (var line in run.Plan.Lines)
        {
            foreach (var id in line.RecordIds)
            {
                if (!linesById.TryGetValue(id, out var list))
                    linesById[id] = list = [];
                list.Add(line);
            }
        }
        var holdsByReference = run.Holds.ToDictionary(h => h.Reference, h => h.Id, StringComparer.Ordinal);
        var afterHold = run.Plan.Lines.Any(l => l.LegalHoldReference is not null) ? await ErasureDatesWithoutHoldsAsync(run, ct) : [];
        var ledger = new Dictionary<LedgerKey, int>();
        var anonymiseProfile = false;
        var minimalProfile = false;

        foreach (var decision in run.Plan.Records)
        {
            var lines = linesById.GetValueOrDefault(decision.RecordId) ?? [];
            var deciding = lines.FirstOrDefault(l => l.Outcome == decision.Outcome) ?? lines.FirstOrDefault();
            var rule = deciding?.RetentionRuleCode ?? deciding?.RuleId;
            var holdReference = lines.Select(l => l.LegalHoldReference).FirstOrDefault(r => r is not null);
            Guid? holdId = holdReference is not null && holdsByReference.TryGetValue(holdReference, out var hid) ? hid : null;

            if (decision.RecordSet == RecordSet.CandidateProfile)
            {
                if (decision.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise && run.Candidate.AnonymisedAt is null)
                {
                    anonymiseProfile = true;
                    Count(ledger, new LedgerKey(RecordSet.CandidateProfile, LedgerAction.Anonymised, rule, null, null));
                }
                else if (decision.Outcome == PlanOutcome.KeepRestrictedUntil && (restrictKept || holdReference is not null) && !RestrictedOtherThanByHold(run.Candidate))
                {
                    // A profile the hold restricted on placement (LH-3) is carried out like an unrestricted one; from now on
                    // its restriction is the erasure's (ER-7), which the lift of the hold does not undo (the sweep finishes it).
                    run.Candidate.RestrictedByHoldId = null;
                    // ER-7, LH-3: only the identity that links the kept or held records stays (as the plan says); the
                    // rest of the profile goes now. Held: the day the rest is due once the hold is lifted (LH-7) is the
                    // plan's without the hold, kept in the ledger for the sweep.
                    minimalProfile = restrictKept && (holdReference is not null || lines.Any(l => l.RuleId == "ER-7"));
                    run.Candidate.Restricted = true;
                    run.Candidate.RestrictionNote = holdReference is not null ? $"Legal hold {holdReference} (LH-3)" : $"Kept after erasure request {run.Request.Reference} (ER-7)";
                    DateOnly? dueAfterHold = holdId is not null && restrictKept ? afterHold.GetValueOrDefault(decision.RecordId) : null;
                    Count(ledger, new LedgerKey(RecordSet.CandidateProfile, holdId is null ? LedgerAction.Restricted : LedgerAction.DeferredByHold, rule, dueAfterHold, holdId));
                }
                continue;
            }

            if (run.Records.Find(decision.RecordId) is not { } record)
                continue; // already gone: executing twice is the same as once
            switch (decision.Outcome)
            {
                case PlanOutcome.Erase:
                    run.Records.Delete(db, record);
                    Count(ledger, new LedgerKey(decision.RecordSet, LedgerAction.Deleted, rule, null, null));
                    break;
                case PlanOutcome.Anonymise:
                    if (record is Consent consent)
                        WithdrawConsents(run, [consent]);
                    if (CandidateRecordAccess.Anonymise(db, record))
                        Count(ledger, new LedgerKey(decision.RecordSet, LedgerAction.Anonymised, rule, null, null));
                    break;
                case PlanOutcome.KeepRestrictedUntil when holdReference is not null:
                    // LH-3: blocked by the hold; the sweep erases it once the hold is lifted (LH-7) — but never before
                    // a statutory period that also keeps it has run (17(3)(b)): the date is what the plan says without the hold.
                    if (!record.Restricted || record.ScheduledErasureOn is null)
                    {
                        if (!record.Restricted)
                            record.RestrictedByHoldId = holdId; // the hold's restriction: its lift lifts it (LH-7)
                        record.Restricted = true;
                        record.ScheduledErasureOn = restrictKept ? afterHold.GetValueOrDefault(record.Id) : record.ScheduledErasureOn;
                        Count(ledger, new LedgerKey(decision.RecordSet, LedgerAction.DeferredByHold, rule, null, holdId));
                    }
                    break;
                case PlanOutcome.KeepRestrictedUntil when restrictKept:
                    if (!record.Restricted || (record.RestrictedByHoldId is not null && record.RestrictedByRequestId is null && record.ScheduledErasureOn is null))
                    {
                        record.Restricted = true;
                        record.RestrictedByHoldId = null; // ER-7: kept after the erasure, restricted whatever becomes of a hold
                        DateOnly? due = decision.KeepUntil?.AddDays(1);
                        record.ScheduledErasureOn = due;
                        Count(ledger, new LedgerKey(decision.RecordSet, due is null ? LedgerAction.Restricted : LedgerAction.DeferredByStatute, rule, due, null));
                    }
                    break;
            }
        }

        hooks.Reached("erasure.records");
        await db.SaveChangesAsync(ct); // still inside the step's transaction: a failure below undoes this too
        hooks.Reached("erasure.saved");

        if (anonymiseProfile)
        {
            // ER-8: the suppression entry is computed before the identifiers disappear.
            await SuppressAsync(run, SuppressionReason.Erasure, ct);
            CandidateRecordAccess.Anonymise(db, run.Candidate);
            run.Candidate.Restricted = false;
            run.Candidate.RestrictedByHoldId = null;
            run.Candidate.AnonymisedAt ??= run.Now;
        }
        else if (minimalProfile)
        {
            await SuppressAsync(run, SuppressionReason.Erasure, ct);
            var fields = CandidateRecordAccess.AnnotationOf(db, typeof(Candidate)).AnonymiseFields.Except(MinimalIdentity).ToList();
            if (CandidateRecordAccess.Anonymise(db, run.Candidate, fields))
                Count(ledger, new LedgerKey(RecordSet.CandidateProfile, LedgerAction.Anonymised, "ER-7", null, null));
        }

        foreach (var (key, count) in ledger)
        {
            db.ErasureLedger.Add(new ErasureLedgerEntry
            {
                ExecutedAt = run.Now,
                CandidateId = run.Candidate.Id,
                RequestId = run.Request.Id,
                RuleCode = key.Rule is { Length: > 80 } r ? r[..80] : key.Rule,
                RecordSet = key.Set.ToString(),
                Action = key.Action,
                Count = count,
                DueOn = key.DueOn,
                LegalHoldId = key.HoldId,
            });
        }
        if (ledger.Count > 0 || anonymiseProfile)
        {
            var summary = ledger.GroupBy(l => l.Key.Action).Select(g => $"{g.Key} {g.Sum(x => x.Value)}");
            Audit(run, "execution." + run.Sub.Type.ToString().ToLowerInvariant(), $"{run.Sub.Type} carried out: {string.Join(", ", summary)}.",
                ledger.Select(l => new { recordSet = l.Key.Set.ToString(), action = l.Key.Action.ToString(), rule = l.Key.Rule, count = l.Value, dueOn = l.Key.DueOn }).ToList());
        }
        foreach (var (hold, set) in ledger.Keys.Where(k => k.Action == LedgerAction.DeferredByHold && k.HoldId is not null).Select(k => (k.HoldId, k.Set)).Distinct())
        {
            // LH-8: every erasure a hold blocks is on the audit trail.
            run.Request.Events.Add(new Domain.Audit.AuditEvent(run.Now, run.Actor, "hold.blocked-erasure",
                $"Erasure of {set} blocked by a legal hold for request {run.Request.Reference} (LH-8).", run.Request.Id, run.Candidate.Id, hold));
        }
    }

    /// <summary>ER-7: what the plan keeps of a profile to link kept records: name, date of birth, national number.</summary>
    private static readonly string[] MinimalIdentity =
        [nameof(Candidate.FirstName), nameof(Candidate.LastName), nameof(Candidate.DateOfBirth), nameof(Candidate.NationalNumberEncrypted)];

    private static void Count(Dictionary<LedgerKey, int> ledger, LedgerKey key) => ledger[key] = ledger.GetValueOrDefault(key) + 1;

    /// <summary>ER-8 / OB-3: one entry per request and reason, with keyed hashes of e-mail, phone and national number.</summary>
    private async Task SuppressAsync(Run run, SuppressionReason reason, CancellationToken ct)
    {
        var reference = run.Request.Reference;
        if (await db.Suppressions.AnyAsync(s => s.RequestReference == reference && s.Reason == reason, ct)
            || db.Suppressions.Local.Any(s => s.RequestReference == reference && s.Reason == reason))
            return;
        db.Suppressions.Add(suppression.CreateEntry(suppression.IdentifiersOf(run.Candidate, run.Request.RequesterEmail, run.Request.RequesterPhone), reason, reference, run.Today));
    }

    private static void Audit(Run run, string type, string summary, object? data = null) =>
        run.Request.Record(run.Now, run.Actor, type, summary, run.Candidate.Id, data is null ? null : JsonSerializer.Serialize(data, Json));
}
