using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Plans;

namespace PrivacyDesk.Domain.Requests;

/// <summary>
/// The DPO's balancing for one purpose of one request (OB-2, ER-2, ER-3): either compelling legitimate
/// grounds that override the person's interests, written out (the controller must demonstrate them),
/// or their recorded absence. The plan reads it per purpose; the request's audit trail records each change.
/// </summary>
public sealed class PurposeBalancing
{
    public const int MaxGrounds = 4000;

    private PurposeBalancing() { }

    public PurposeBalancing(Guid requestId, string purposeCode, bool compelling, string? grounds, string actor, DateTimeOffset now, DateOnly today)
    {
        RequestId = requestId;
        PurposeCode = purposeCode;
        Change(compelling, grounds, actor, now, today);
    }

    public Guid Id { get; private set; } = Ids.New();
    public Guid RequestId { get; private set; }
    public string PurposeCode { get; private set; } = "";
    public bool CompellingGrounds { get; private set; }
    public string? Grounds { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public DateOnly RecordedOn { get; private set; }

    public void Change(bool compelling, string? grounds, string actor, DateTimeOffset now, DateOnly today)
    {
        var text = string.IsNullOrWhiteSpace(grounds) ? null : grounds.Trim();
        // OB-2: continuing needs grounds the controller demonstrates; a bare "yes" is no balancing.
        if (compelling && text is null)
            throw new DomainException("balancing.grounds", "Write down the compelling legitimate grounds that override the person's interests.", "OB-2");
        if (text is { Length: > MaxGrounds })
            throw new DomainException("balancing.length", $"At most {MaxGrounds} characters.", "OB-2");
        CompellingGrounds = compelling;
        Grounds = text;
        RecordedBy = actor;
        RecordedAt = now;
        RecordedOn = today;
    }

    public Balancing ToPlan() => new(CompellingGrounds, Grounds, RecordedOn);
}
