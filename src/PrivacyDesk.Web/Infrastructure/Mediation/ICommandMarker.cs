namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Marks a request that changes state: it runs in one transaction (TransactionBehavior).</summary>
public interface ICommandMarker;
