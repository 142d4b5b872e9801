using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// LH-3: held data are restricted automatically the moment a hold is placed (left out of search, exports and
/// selections through the global query filter, like any Art. 18 restriction); LH-7: lifting the hold lifts exactly
/// that restriction. Each row the hold restricts carries the hold's id (<c>RestrictedByHoldId</c>); rows already
/// restricted for another reason (an Art. 18 request, an erasure's kept remainder, another hold) are left as they are.
/// </summary>
public static class LegalHoldRestriction
{
    /// <summary>
    /// The rows a hold covers, as the planners see them (LH-2): the record sets of every purpose it covers, a
    /// consent-based purpose only when the person gave a consent for it (its consents only); an all-purposes hold
    /// covers the whole candidate. The profile is the candidate itself.
    /// </summary>
    public static (bool Profile, IReadOnlyList<CandidateRecord> Records) Scope(LegalHold hold, Candidate candidate, IEnumerable<ProcessingPurpose> purposes)
    {
        if (hold.AllPurposes)
            return (true, Enum.GetValues<RecordSet>().SelectMany(s => CandidateRecordAccess.Records(candidate, s)).ToList());

        var profile = false;
        var records = new List<CandidateRecord>();
        foreach (var purpose in purposes.Where(p => hold.PurposeCodes.Contains(p.Code)))
        {
            var consented = purpose.LegalBasis != LegalBasis.Consent || candidate.Consents.Any(c => c.PurposeCode == purpose.Code);
            if (!consented)
                continue;
            foreach (var set in purpose.RecordSets.Distinct())
            {
                if (set == RecordSet.CandidateProfile)
                    profile = true;
                else if (set == RecordSet.Consents && purpose.LegalBasis == LegalBasis.Consent)
                    records.AddRange(candidate.Consents.Where(c => c.PurposeCode == purpose.Code));
                else
                    records.AddRange(CandidateRecordAccess.Records(candidate, set));
            }
        }
        return (profile, records.Distinct().ToList());
    }

    /// <summary>LH-3: restricts the rows of the hold that nothing restricts yet; returns how many.</summary>
    public static int Apply(LegalHold hold, Candidate candidate, IEnumerable<ProcessingPurpose> purposes)
    {
        var (profile, records) = Scope(hold, candidate, purposes);
        var count = 0;
        if (profile && !candidate.Restricted && candidate.AnonymisedAt is null)
        {
            candidate.Restricted = true;
            candidate.RestrictedByHoldId = hold.Id;
            candidate.RestrictionNote = $"Legal hold {hold.Reference} (LH-3)";
            count++;
        }
        foreach (var record in records.Where(r => !r.Restricted))
        {
            record.Restricted = true;
            record.RestrictedByHoldId = hold.Id;
            count++;
        }
        return count;
    }

    /// <summary>
    /// LH-7: undoes exactly what <see cref="Apply"/> did for the lifted hold. A row another active hold also covers
    /// passes to that hold; a row with an Art. 18 request or a scheduled erasure on it stays restricted. Returns the
    /// number of rows no longer restricted.
    /// </summary>
    public static int Release(LegalHold lifted, Candidate candidate, IReadOnlyList<LegalHold> activeHolds, IReadOnlyList<ProcessingPurpose> purposes)
    {
        var others = activeHolds.Where(h => h.Id != lifted.Id && h.IsActive).Select(h => (Hold: h, Scope: Scope(h, candidate, purposes))).ToList();
        var count = 0;
        if (candidate.RestrictedByHoldId == lifted.Id)
        {
            var next = others.FirstOrDefault(o => o.Scope.Profile).Hold;
            candidate.RestrictedByHoldId = next?.Id;
            if (next is not null)
            {
                candidate.RestrictionNote = $"Legal hold {next.Reference} (LH-3)";
            }
            else if (candidate.RestrictedByRequestId is null)
            {
                candidate.Restricted = false;
                candidate.RestrictionNote = null;
                count++;
            }
        }
        foreach (var set in Enum.GetValues<RecordSet>())
        {
            foreach (var record in CandidateRecordAccess.Records(candidate, set).Where(r => r.RestrictedByHoldId == lifted.Id))
            {
                var next = others.FirstOrDefault(o => o.Scope.Records.Contains(record)).Hold;
                record.RestrictedByHoldId = next?.Id;
                if (next is null && record.RestrictedByRequestId is null && record.ScheduledErasureOn is null)
                {
                    record.Restricted = false;
                    count++;
                }
            }
        }
        return count;
    }
}
