namespace PrivacyDesk.Web.Infrastructure.Telemetry;

/// <summary>One span per MediatR request, named after the request type; no field values as tags.</summary>
public sealed class TracingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string SpanName = "mediatr " + (typeof(TRequest).FullName?.Replace("PrivacyDesk.Web.", "", StringComparison.Ordinal).Replace('+', '.') ?? typeof(TRequest).Name);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = PrivacyDeskTelemetry.Source.StartActivity(SpanName);
        try
        {
            return await next();
        }
        catch (Exception ex)
        {
            // The exception type only: messages can quote input.
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
