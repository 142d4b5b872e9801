namespace PrivacyDesk.Web.Features.Suppression;

/// <summary>The suppression area: keyed hashes of erased people, so the same person is not silently re-imported (ER-8).</summary>
public static class SuppressionRegistration
{
    public static IServiceCollection AddSuppression(this IServiceCollection services) => services.AddScoped<SuppressionList>();
}
