namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Thrown when an optimistic-concurrency check fails (409 in the API, a clear message on pages).</summary>
public sealed class ConflictException(string message) : Exception(message);
