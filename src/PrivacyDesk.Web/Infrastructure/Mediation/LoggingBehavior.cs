using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>Logs the request type, its ids, the outcome and the duration — never field values.</summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> IdProperties = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).FullName?.Replace("PrivacyDesk.Web.", "", StringComparison.Ordinal) ?? typeof(TRequest).Name;
        var ids = DescribeIds(request!);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            LogHandled(logger, name, ids, "ok", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            // The exception type only: messages can quote input.
            LogHandled(logger, name, ids, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static string DescribeIds(object request)
    {
        var props = IdProperties.GetOrAdd(request.GetType(), t => t.GetProperties()
            .Where(p => (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)) && p.Name.EndsWith("Id", StringComparison.Ordinal))
            .ToArray());
        return props.Length == 0 ? "-" : string.Join(",", props.Select(p => $"{p.Name}={p.GetValue(request)}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {Request} [{Ids}] -> {Outcome} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, string ids, string outcome, double elapsedMs);
}
