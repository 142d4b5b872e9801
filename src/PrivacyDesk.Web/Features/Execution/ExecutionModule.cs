using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Execution;

public sealed class ExecutionModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<PlanSnapshots>();
        services.AddScoped<SubRequestExecutor>();
        services.AddScoped<ArticleNineteenTasks>();
        services.AddSingleton<ExecutionHooks>();
    }
}
