namespace PrivacyDesk.Web.Features.Api;

public sealed record EmergencyContactInput(string Name, string Relationship, string Phone);
