namespace PrivacyDesk.Web.Features.Api;

public sealed record FinalAnswerView(Guid RequestId, string Template, Guid MessageId, RequestView Request);
