using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Admin;

/// <summary>Admin commands by name; feature areas add theirs (sweep-retention, verify-audit, create-api-key) through ServiceRegistration.AddFeatureCommands.</summary>
public sealed class AdminCommandRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, string[], TextWriter, Task<int>>> _commands = new(StringComparer.Ordinal);

    public void Add(string name, Func<IServiceProvider, string[], TextWriter, Task<int>> command) => _commands.Add(name, command);

    public bool Contains(string name) => _commands.ContainsKey(name);

    public IEnumerable<string> Names => _commands.Keys;

    public Func<IServiceProvider, string[], TextWriter, Task<int>> Get(string name) => _commands[name];
}
