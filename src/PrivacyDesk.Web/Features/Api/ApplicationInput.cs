namespace PrivacyDesk.Web.Features.Api;

public sealed record ApplicationInput(string VacancyTitle, string? VacancyReference, DateOnly AppliedOn, string? Status, string? Source, string? Motivation, DateOnly? ClosedOn);
