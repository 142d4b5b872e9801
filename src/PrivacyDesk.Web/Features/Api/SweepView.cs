using PrivacyDesk.Web.Features.Retention;

namespace PrivacyDesk.Web.Features.Api;

public sealed record SweepView(bool Ran, bool DryRun, DateOnly Today, Guid? CandidateId, int Total, IReadOnlyList<SweepLineView> Lines,
    int BlockedByHold, int FrozenByAccess, int CaseFilesMinimised, double ElapsedSeconds)
{
    public static SweepView From(RetentionSweep.Report r) => new(r.Ran, r.DryRun, r.Today, r.CandidateId, r.Total,
        r.Lines.Select(l => new SweepLineView(l.RecordSet, l.RuleCode, l.Action, l.Count)).ToList(),
        r.BlockedByHold, r.FrozenByAccess, r.CaseFilesMinimised, Math.Round(r.Elapsed.TotalSeconds, 3));
}
