namespace PrivacyDesk.Domain.Deadlines;

/// <summary>What a waiting interval does to the response clock (CLK-1).</summary>
public enum ClockMode
{
    Suspend,  // EDPB-ACC §159: waiting days are added to the due date
    Restart,  // ICO: a full month runs from the end of the wait
    None,     // strictest reading of Art. 12(3): waiting changes nothing
}
