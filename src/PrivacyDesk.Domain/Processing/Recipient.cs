using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Processing;

/// <summary>A processor or other recipient (Art. 4(9)); needed for access answers and Art. 19 notices.</summary>
public sealed class Recipient
{
    public Guid Id { get; set; } = Ids.New();
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RecipientKind Kind { get; set; }
    public string Country { get; set; } = "BE";
    public string? TransferSafeguard { get; set; }
    public string? Description { get; set; }
    public string? ContactEmail { get; set; }

    public List<ProcessingPurpose> Purposes { get; set; } = [];
}
