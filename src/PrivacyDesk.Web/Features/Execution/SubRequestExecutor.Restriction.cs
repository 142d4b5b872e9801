using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>Restriction (RS-*), objection (OB-*) and withdrawal of consent (CW-*).</summary>
public sealed partial class SubRequestExecutor
{
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
}
