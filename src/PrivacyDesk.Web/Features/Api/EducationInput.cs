namespace PrivacyDesk.Web.Features.Api;

public sealed record EducationInput(string Institution, string Degree, string? FieldOfStudy, int? StartYear, int? EndYear);
