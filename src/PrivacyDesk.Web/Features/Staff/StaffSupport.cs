using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Staff;

public sealed class StaffModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddScoped<StaffMail>();
}
