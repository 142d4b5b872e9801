namespace PrivacyDesk.Web.Features.Api;

public sealed record InterviewNoteInput(DateOnly InterviewedOn, string Interviewer, string Note);
