namespace PrivacyDesk.Web.Features.Api;

public sealed record ExecutionView(Guid RequestId, RequestStatus Status, int StepsRun, bool AlreadyDone, IReadOnlyList<TaskView> Tasks);
