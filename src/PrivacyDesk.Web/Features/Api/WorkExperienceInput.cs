namespace PrivacyDesk.Web.Features.Api;

public sealed record WorkExperienceInput(string Employer, string JobTitle, DateOnly? StartDate, DateOnly? EndDate, string? Description);
