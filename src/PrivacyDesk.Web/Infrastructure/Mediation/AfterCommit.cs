using System.Collections.Concurrent;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>
/// Work a command handler wants done only once its transaction has committed, e.g. dropping a cache of what it
/// changed (the holiday calendar). Runs after the commit of the outermost command; discarded on rollback.
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Action> _actions = [];

    public void Add(Action action) => _actions.Add(action);

    internal void Run()
    {
        var actions = _actions.ToList();
        _actions.Clear();
        foreach (var action in actions)
            action();
    }

    internal void Discard() => _actions.Clear();
}
