using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Deadlines;

/// <summary>
/// Rules area: the holiday calendar backed by the override table (DL-12) replaces the composition root's
/// statutory-only calendar, so the singleton DeadlineCalculator (and everything that uses it) honours overrides.
/// </summary>
public sealed class DeadlinesModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<HolidayCalendarProvider>();
        services.Replace(ServiceDescriptor.Singleton<IHolidayCalendar>(sp => sp.GetRequiredService<HolidayCalendarProvider>()));
        services.AddScoped(sp => new DeadlineService(sp.GetRequiredService<DeadlineCalculator>(), sp.GetRequiredService<TimeProvider>()));
    }
}
