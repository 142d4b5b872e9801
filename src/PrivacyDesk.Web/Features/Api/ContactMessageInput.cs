namespace PrivacyDesk.Web.Features.Api;

public sealed record ContactMessageInput(DateTimeOffset ReceivedAt, string Subject, string Body, DateOnly? ClosedOn);
