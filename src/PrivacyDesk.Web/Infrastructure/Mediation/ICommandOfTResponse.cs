namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>A command with a result: it runs in one transaction (TransactionBehavior).</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, ICommandMarker;
