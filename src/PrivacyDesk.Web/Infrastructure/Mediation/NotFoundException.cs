namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Thrown when an entity named by a request does not exist (404 in the API).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");
