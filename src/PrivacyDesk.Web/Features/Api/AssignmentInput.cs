namespace PrivacyDesk.Web.Features.Api;

public sealed record AssignmentInput(string ClientCompany, string JobTitle, DateOnly StartDate, DateOnly? EndDate, decimal? HourlyWage);
