namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>A command without a result.</summary>
public interface ICommand : ICommand<Unit>;
