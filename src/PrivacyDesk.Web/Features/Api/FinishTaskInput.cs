using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

public sealed record FinishTaskInput
{
    /// <summary>Done or NotPossible (then say why in note).</summary>
    public WorkTaskStatus Status { get; init; } = WorkTaskStatus.Done;

    public string? Note { get; init; }
}
