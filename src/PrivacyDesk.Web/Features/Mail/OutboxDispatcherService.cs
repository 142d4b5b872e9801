using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>Runs the dispatcher every few seconds while the app runs.</summary>
public sealed partial class OutboxDispatcherService(OutboxDispatcher dispatcher, IConfiguration configuration, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatch round failed; retrying on the next tick")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Mail:DispatchIntervalSeconds", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DispatchDueAsync(50, stoppingToken) > 0)
                {
                    // Keep going while there is a backlog.
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database may be briefly unavailable; try again on the next tick.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anything else: log it and keep dispatching; an exception escaping here would stop the whole app.
                LogDispatchFailed(logger, ex);
            }
            await Task.Delay(interval, stoppingToken);
        }
    }
}
