using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// JSON API v1 (docs/api.md): thin endpoints — read the body, send the MediatR request the pages also use,
/// map the result. Authentication by API key only (a staff cookie is ignored, so no CSRF surface);
/// authorisation by [RequiresRole] on each request; every refusal is an RFC 9457 problem.
/// </summary>
public static partial class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().WithMetadata(new SkipStatusCodePagesAttribute());

        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
            .DisableAntiforgery()
            .WithMetadata(new ApiEndpointMetadata(), new SkipStatusCodePagesAttribute())
            .AddEndpointFilter<ApiExceptionFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        MapCandidates(api.MapGroup("").WithTags("Candidates"));
        MapRequests(api.MapGroup("").WithTags("Requests"));
        MapPolicy(api.MapGroup("").WithTags("Register"));
        MapCases(api.MapGroup("").WithTags("Requests"));
        MapLegalHolds(api.MapGroup("").WithTags("Legal holds"));
        MapRetention(api.MapGroup(""));
        MapAdmin(api.MapGroup("").WithTags("Admin"));

        // Unknown paths under /api answer with a problem too, not the staff area's HTML page.
        // A body that is not JSON makes routing skip the endpoints (they accept application/json only) and land here: say 415.
        endpoints.MapFallback(Prefix[..4] + "/{**path}", (HttpContext http) =>
                http.Request.ContentLength > 0 && !ApiBody.IsJson(http.Request.ContentType)
                    ? ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the body as application/json.")
                    : ApiProblems.Problem(StatusCodes.Status404NotFound, "not-found", "There is no such API resource."))
            .WithMetadata(new ApiEndpointMetadata(), new SkipStatusCodePagesAttribute())
            .ExcludeFromDescription();
    }

    private static void MapCandidates(RouteGroupBuilder api)
    {
        api.MapPost("/candidates", async Task<Results<Created<UpsertCandidate.Result>, Ok<UpsertCandidate.Result>>> (HttpContext http, IMediator mediator) =>
            {
                var command = await ApiBody.ReadAsync<UpsertCandidate.Command>(http);
                var result = await mediator.Send(command, http.RequestAborted);
                return result.Created
                    ? TypedResults.Created($"{Prefix}/candidates/{result.Id}", result)
                    : TypedResults.Ok(result);
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<UpsertCandidate.Command>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("UpsertCandidate")
            .WithSummary("Create or update a candidate (by externalReference) with records for any record set")
            .WithDescription("Records are merged by natural key, never deleted. A new person on the suppression list is refused with 409 (ER-8) unless a DPO key sends suppressionOverride.reason. A restricted candidate takes no updates (422, RS-2). The national number is stored encrypted and never returned.");

        api.MapGet("/candidates/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCandidate.Query { CandidateId = id }, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCandidate")
            .WithSummary("A candidate and their records (restricted candidates answer 404; restricted records are omitted and counted)");

        api.MapPost("/disclosures", async Task<Results<Created<RecordDisclosure.Result>, Ok<RecordDisclosure.Result>>> (HttpContext http, IMediator mediator) =>
            {
                var command = await ApiBody.ReadAsync<RecordDisclosure.Command>(http);
                var result = await mediator.Send(command, http.RequestAborted);
                return result.AlreadyRecorded
                    ? TypedResults.Ok(result)
                    : TypedResults.Created($"{Prefix}/candidates/{result.CandidateId}", result);
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<RecordDisclosure.Command>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RecordDisclosure")
            .WithSummary("Record that a CV or profile was sent to a client company (the client ledger)");
    }

    private static void MapRequests(RouteGroupBuilder api)
    {
        api.MapPost("/requests", async (HttpContext http, IMediator mediator) =>
            {
                var command = await ApiBody.ReadAsync<RegisterRequest.Command>(http);
                if (http.Request.Headers.TryGetValue(IdempotencyFilter.HeaderName, out var key))
                    command = command with { SubmissionKey = "api:" + Sha256(IdempotencyFilter.ScopeOf(http) + "\n" + key) };
                var created = await mediator.Send(command, http.RequestAborted);
                // As GET shows it, with its version (ETag) for the DPO's later changes: from the entity just saved.
                var view = await ApiVersions.ViewOfCreatedAsync(http, mediator, created.Id);
                return TypedResults.Created($"{Prefix}/requests/{view.Id}", view);
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<RegisterRequest.Command>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RegisterRequest")
            .WithSummary("Register a request received by post, e-mail, phone, in person or by another system")
            .WithDescription("Goes through the same intake as the portal: reference, Brussels receipt date, statutory deadlines (DL-1..DL-6), duplicate flag, acknowledgement e-mail. receivedAt is required for Email, Post, Phone and InPerson; a future date is refused and one more than 3 days back is flagged (DL-4).");

        api.MapGet("/requests/{id:guid}", async (Guid id, HttpContext http, IMediator mediator) =>
            {
                var view = await mediator.Send(new GetRequestStatus.Query { RequestId = id }, http.RequestAborted);
                http.Response.Headers.ETag = RequestView.ETagOf(view.Version);
                return TypedResults.Ok(view);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRequest")
            .WithSummary("A request's status, deadlines and sub-requests (no requester data); the ETag header (and version) is its version for If-Match");

        api.MapGet("/requests", async (HttpContext http, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(ParseListQuery(http.Request.Query), http.RequestAborted)))
            .WithName("ListRequests")
            .WithSummary("Requests by due date, with filters status, type, channel, dueFrom, dueTo and cursor paging (limit, cursor)")
            .ProducesValidationProblem();

        api.MapGet("/requests/{id:guid}/plan", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRequestPlan.Query { RequestId = id }, ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRequestPlan")
            .WithSummary("What will happen to each purpose and record set, why, and on which article (DPO and BackOffice keys)");
    }

    private static void MapPolicy(RouteGroupBuilder api)
    {
        api.MapPost("/policy", async (HttpContext http, IMediator mediator) =>
            {
                var bytes = await ApiBody.ReadBytesAsync(http);
                string json;
                try
                {
                    json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw new ApiRequestException(StatusCodes.Status400BadRequest, "malformed-json", "The body is not valid UTF-8.");
                }
                return TypedResults.Ok(await mediator.Send(new ImportPolicyPack.Command { Json = json }, http.RequestAborted));
            })
            .AddEndpointFilter<IdempotencyFilter>()
            .Accepts<PolicyPack>("application/json")
            .ProducesValidationProblem()
            .WithName("ImportPolicyPack")
            .WithSummary("Import a policy pack: replaces the register (purposes, retention rules, recipients) in one transaction (Admin and Dpo keys)");
    }

    private static ListRequests.Query ParseListQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        T? ParseEnum<T>(string name)
            where T : struct, Enum
        {
            var raw = query[name].ToString();
            if (raw.Length == 0)
                return null;
            if (Enum.TryParse<T>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) && !raw.Any(char.IsDigit))
                return value;
            errors[name] = [$"Use one of {string.Join(", ", Enum.GetNames<T>())}."];
            return null;
        }
        DateOnly? ParseDate(string name)
        {
            var raw = query[name].ToString();
            if (raw.Length == 0)
                return null;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                return d;
            errors[name] = ["Use a date as yyyy-MM-dd."];
            return null;
        }
        int? limit = null;
        if (query["limit"].ToString() is { Length: > 0 } rawLimit)
        {
            if (int.TryParse(rawLimit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l))
                limit = l;
            else
                errors["limit"] = [$"Use a whole number from 1 to {ListRequests.MaxLimit}."];
        }
        var result = new ListRequests.Query
        {
            Status = ParseEnum<RequestStatus>("status"),
            Type = ParseEnum<RequestType>("type"),
            Channel = ParseEnum<Channel>("channel"),
            DueFrom = ParseDate("dueFrom"),
            DueTo = ParseDate("dueTo"),
            Limit = limit,
            Cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null,
        };
        if (errors.Count > 0)
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "validation", "One or more query parameters are invalid.", errors);
        return result;
    }

    private static string Sha256(string value) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
