namespace PrivacyDesk.Web.Features.Plans;

/// <summary>The plans area: the planner that feeds the plan engine from the database.</summary>
public static class PlansRegistration
{
    public static IServiceCollection AddPlans(this IServiceCollection services) => services.AddScoped<RequestPlanner>();
}
