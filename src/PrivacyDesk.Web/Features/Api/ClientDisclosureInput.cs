namespace PrivacyDesk.Web.Features.Api;

public sealed record ClientDisclosureInput(string ClientCompany, string? ClientEmail, DateOnly DisclosedOn, string? What, string PurposeCode);
