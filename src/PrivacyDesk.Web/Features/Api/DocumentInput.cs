using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>A CV, letter or certificate; <c>content</c> is base64.</summary>
public sealed record DocumentInput(DocumentKind Kind, string FileName, string ContentType, byte[] Content, DateOnly? CollectedOn);
