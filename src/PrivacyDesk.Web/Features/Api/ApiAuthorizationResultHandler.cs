using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// 401 and 403 under /api come back as problem details (with the WWW-Authenticate challenge), not as the
/// staff area's HTML error page; every other endpoint keeps the framework's behaviour.
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is null || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        IResult problem;
        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes)
                await context.ChallengeAsync(scheme);
            problem = ApiProblems.Problem(StatusCodes.Status401Unauthorized, "unauthenticated",
                "Send a valid, unrevoked API key in the X-Api-Key header.");
        }
        else
        {
            problem = ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "This API key's role may not do this.");
        }
        await problem.ExecuteAsync(context);
    }
}
