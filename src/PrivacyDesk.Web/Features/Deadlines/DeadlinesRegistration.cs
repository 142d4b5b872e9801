using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Deadlines;

/// <summary>
/// Rules area: the one holiday calendar of the app is the one backed by the override table (DL-12), so the
/// singleton DeadlineCalculator (and everything that uses it) honours overrides.
/// </summary>
public static class DeadlinesRegistration
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services, RulesConfiguration rules)
    {
        services.AddSingleton<HolidayCalendarProvider>();
        services.AddSingleton<IHolidayCalendar>(sp => sp.GetRequiredService<HolidayCalendarProvider>());
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<IHolidayCalendar>(), rules.Clock));
        services.AddScoped(sp => new DeadlineService(sp.GetRequiredService<DeadlineCalculator>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
