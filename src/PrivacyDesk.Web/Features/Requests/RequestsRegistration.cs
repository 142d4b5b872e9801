using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>The requests area: intake, the daily waiting job and the <c>register-request</c> and <c>waiting-job</c> commands.</summary>
public static class RequestsRegistration
{
    public static IServiceCollection AddRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RequestIntake>();
        services.AddScoped<WaitingMail>();
        services.AddScoped<WaitingLifecycleJob>();
        if (configuration.GetValue("BackgroundServices:Enabled", true))
            services.AddHostedService<WaitingLifecycleService>();
        return services;
    }

    public static AdminCommandRegistry AddRequestsCommands(this AdminCommandRegistry commands)
    {
        commands.Add("register-request", RequestsCliModule.RegisterAsync);
        commands.Add("waiting-job", RunWaitingJobAsync);
        return commands;
    }

    /// <summary>waiting-job: runs the daily waiting job now and prints what it did.</summary>
    public static async Task<int> RunWaitingJobAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var report = await sp.GetRequiredService<WaitingLifecycleJob>().RunAsync(CancellationToken.None);
        await output.WriteLineAsync(report.Ran
            ? $"Waiting job: {report.Waiting} waiting, {report.Refreshed} date(s) refreshed, {report.Reminded} reminder(s), {report.Abandoned} abandoned."
            : "Another instance is running the waiting job; nothing done.");
        return 0;
    }
}
