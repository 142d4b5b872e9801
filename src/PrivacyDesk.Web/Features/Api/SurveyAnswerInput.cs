namespace PrivacyDesk.Web.Features.Api;

public sealed record SurveyAnswerInput(string SurveyName, DateOnly AnsweredOn, int? Score, string? Comment);
