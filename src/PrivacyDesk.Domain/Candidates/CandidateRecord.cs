using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Candidates;

/// <summary>
/// Common shape of every child record set: tied to the candidate, dated (the Collected anchor of
/// retention), and restrictable one by one (Art. 18; legal holds restrict automatically, LH-3).
/// </summary>
public abstract class CandidateRecord
{
    public Guid Id { get; set; } = Ids.New();
    public Guid CandidateId { get; set; }
    public DateOnly CollectedOn { get; set; }
    public bool Restricted { get; set; }

    /// <summary>
    /// The Art. 18 request that restricted this record (RS-1); null for the restriction of erasure remainders and
    /// held data. Such records may only be stored (RS-2): the retention sweep never erases them.
    /// </summary>
    public Guid? RestrictedByRequestId { get; set; }

    /// <summary>
    /// The legal hold whose placement restricted this record (LH-3); lifting that hold lifts exactly this
    /// restriction (LH-7), never one an Art. 18 request or an erasure put on the record.
    /// </summary>
    public Guid? RestrictedByHoldId { get; set; }

    /// <summary>Date from which an erasure deferred by a statutory period or hold becomes due.</summary>
    public DateOnly? ScheduledErasureOn { get; set; }
}
