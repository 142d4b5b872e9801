namespace PrivacyDesk.Web.Features.Api;

/// <summary>A photo; <c>content</c> is base64 (JPEG or PNG).</summary>
public sealed record PhotoInput(string FileName, string ContentType, byte[] Content);
