using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>Outermost filter of the API group: every known refusal becomes a problem response.</summary>
public sealed class ApiExceptionFilter : IEndpointFilter
{
    private static readonly Action<ILogger, Exception?> LogUnhandled = LoggerMessage.Define(LogLevel.Error, default, "Unhandled API error");

    /// <summary>The API speaks English whatever the caller's Accept-Language: its messages (ours and the validators') never mix languages.</summary>
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("en");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Flows into the MediatR pipeline (validators, handlers' refusals) of this call only.
        System.Globalization.CultureInfo.CurrentCulture = Culture;
        System.Globalization.CultureInfo.CurrentUICulture = Culture;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (Infrastructure.Database.DatabaseUnavailable.Is(ex, context.HttpContext) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The database is down or restarting. Not a bug: 503 + Retry-After, and drop the pool's dead idle connections.
            context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>().Clear();
            context.HttpContext.Response.Headers.RetryAfter = Infrastructure.Database.DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Unavailable();
        }
        catch (Exception ex) when (ApiProblems.TryMap(ex, out var result))
        {
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not a refusal: logged by type and stack (never the body), answered as a problem, not an HTML page.
            LogUnhandled(context.HttpContext.RequestServices.GetRequiredService<ILogger<ApiExceptionFilter>>(), ex);
            return ApiProblems.Problem(StatusCodes.Status500InternalServerError, "internal", "Something went wrong on our side; nothing was saved. Retry later, quoting the traceId.");
        }
    }
}
