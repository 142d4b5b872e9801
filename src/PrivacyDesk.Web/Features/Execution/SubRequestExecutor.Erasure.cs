using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Erasure (ER-*): per-record verdicts, the ledger and legal holds (LH-*).</summary>
public sealed partial class SubRequestExecutor
{
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
}
