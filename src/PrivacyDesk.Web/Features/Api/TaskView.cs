using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Api;

public sealed record TaskView(Guid Id, Guid RequestId, WorkTaskKind Kind, string Title, string Instructions, string PlanLine, string? PreparedMessage,
    WorkTaskStatus Status, string? DoneBy, DateTimeOffset? DoneAt, string? Note);
