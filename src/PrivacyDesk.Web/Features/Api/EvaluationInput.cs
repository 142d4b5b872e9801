namespace PrivacyDesk.Web.Features.Api;

public sealed record EvaluationInput(DateOnly EvaluatedOn, string Evaluator, string? ClientCompany, int? Score, string Comment);
