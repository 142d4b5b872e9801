namespace PrivacyDesk.Web.Features.Api;

public sealed record ComplaintInput(DateOnly ReceivedOn, string Subject, string Description, DateOnly? ClosedOn);
