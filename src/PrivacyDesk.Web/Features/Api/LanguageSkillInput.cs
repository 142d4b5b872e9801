namespace PrivacyDesk.Web.Features.Api;

public sealed record LanguageSkillInput(string Language, string Level);
