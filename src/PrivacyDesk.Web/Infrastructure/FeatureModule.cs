using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Infrastructure;

/// <summary>
/// A feature area plugs itself in here (services, endpoints, admin commands), found by assembly scan,
/// so adding a feature does not mean editing the composition root.
/// </summary>
public interface IFeatureModule
{
    void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
    }

    /// <summary>Middleware of the feature, placed after routing, authentication and authorization.</summary>
    void UseMiddleware(IApplicationBuilder app)
    {
    }

    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    void AddCommands(AdminCommandRegistry commands)
    {
    }

    public static IReadOnlyList<IFeatureModule> All { get; } = typeof(IFeatureModule).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IFeatureModule).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IFeatureModule)Activator.CreateInstance(t)!)
        .ToList();
}
