namespace PrivacyDesk.Web.Features.Api;

public sealed record ProfessionalEmailInput(DateTimeOffset SentAt, string FromAddress, string ToAddress, string Subject, string Body, string? ClientCompany);
