namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Thrown when the current principal lacks the role a request requires.</summary>
public sealed class ForbiddenException(string requestName) : Exception($"Not allowed to send {requestName}.");
