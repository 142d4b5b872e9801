using Microsoft.AspNetCore.Authorization;
using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>The JSON API: its serializer, its authorization answers, the OpenAPI document, its endpoints and the <c>create-api-key</c> command.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddOpenApi("v1", ApiOpenApi.Configure);
        return services;
    }

    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ApiEndpoints.Map(endpoints);
        return endpoints;
    }

    public static AdminCommandRegistry AddApiCommands(this AdminCommandRegistry commands)
    {
        commands.Add("create-api-key", CreateApiKeyCommandLine.RunAsync);
        return commands;
    }
}
