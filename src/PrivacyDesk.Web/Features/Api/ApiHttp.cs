using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>JSON of the API: camelCase, enums as names (never numbers), bounded nesting.</summary>
public static class ApiJson
{
    public const int MaxDepth = 32;

    public const long MaxBodyBytes = 5 * 1024 * 1024;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.MaxDepth = MaxDepth;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new Infrastructure.Web.NulRefusingStringConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>"Records.Applications[0].VacancyTitle" → "records.applications[0].vacancyTitle" (the JSON names clients send).</summary>
    public static string FieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName)
            ? ""
            : string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}

/// <summary>A refusal found before any handler ran (body, headers); becomes a problem response.</summary>
public sealed class ApiRequestException(int status, string code, string detail, IDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IDictionary<string, string[]>? Errors { get; } = errors;
}

/// <summary>
/// Reads a JSON body once, within the size cap, and keeps the bytes for the Idempotency-Key hash.
/// Malformed JSON, invalid UTF-8, too deep nesting and oversized bodies are 4xx problems, never 500.
/// </summary>
public static class ApiBody
{
    private const string BytesKey = "PrivacyDesk.Api.Body";

    public static async Task<byte[]> ReadBytesAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(BytesKey, out var cached) && cached is byte[] bytes)
            return bytes;
        var request = http.Request;
        if (request.ContentLength > ApiJson.MaxBodyBytes)
            throw TooLarge();
        var sizeFeature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = ApiJson.MaxBodyBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > ApiJson.MaxBodyBytes)
                    throw TooLarge();
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        bytes = buffer.ToArray();
        http.Items[BytesKey] = bytes;
        return bytes;
    }

    public static async Task<T> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (!IsJson(http.Request.ContentType))
            throw new ApiRequestException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send the body as application/json.");
        var bytes = await ReadBytesAsync(http);
        if (bytes.Length == 0)
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "body-required", "A JSON body is required.");
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options)
                ?? throw new ApiRequestException(StatusCodes.Status400BadRequest, "body-required", "A JSON object is required.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // The framework's message names the position and the expected type; we do not echo it (it may quote input).
            var path = ex is JsonException { Path: { Length: > 0 } p } ? p : "$";
            var why = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"The JSON is nested too deeply (at most {ApiJson.MaxDepth} levels)."
                : ex.Message.StartsWith(Infrastructure.Web.NulRefusingStringConverter.Message, StringComparison.Ordinal)
                    ? Infrastructure.Web.NulRefusingStringConverter.Message
                : ex.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("transcode", StringComparison.OrdinalIgnoreCase)
                    ? "The body is not valid UTF-8."
                    : EnumAt(typeof(T), path) is { } enumType
                        ? $"Use one of {string.Join(", ", Enum.GetNames(enumType))}."
                    : "The body is not valid JSON for this resource, or a value has the wrong type or format.";
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "malformed-json", why,
                new Dictionary<string, string[]> { [ToFieldName(path)] = [why] });
        }
    }

    /// <summary>The enum type a JSON path ("$.types[0]", "$.records.applications[1].status") lands on in T, if any.</summary>
    internal static Type? EnumAt(Type root, string jsonPath)
    {
        var type = root;
        foreach (var segment in jsonPath.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
                return null;
            type = property.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal))
                type = ElementOf(type) ?? type;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        // A path ending on the collection itself ("$.types" when an item is wrong) names its items' type.
        var element = ElementOf(type);
        type = element is null ? type : Nullable.GetUnderlyingType(element) ?? element;
        return type.IsEnum ? type : null;
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? item
        : null;

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>"$.requester.dateOfBirth" → "requester.dateOfBirth".</summary>
    private static string ToFieldName(string jsonPath) =>
        jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static ApiRequestException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body is larger than {ApiJson.MaxBodyBytes / (1024 * 1024)} MB.");
}

/// <summary>Maps the exceptions of the pipeline to RFC 9457 problem responses (the table in docs/api.md).</summary>
public static class ApiProblems
{
    public static IResult Problem(int status, string code, string detail, string? rule = null, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (rule is not null)
            extensions["ruleId"] = rule;
        if (errors is not null)
            return TypedResults.ValidationProblem(errors, detail, title: "The request has invalid fields.", type: TypeUri(code), extensions: extensions);
        return TypedResults.Problem(detail, statusCode: status, title: Title(status), type: TypeUri(code), extensions: extensions);
    }

    public static string TypeUri(string code) => "https://privacydesk.local/problems/" + code;

    /// <summary>503 while the database is down or restarting: retry after Retry-After seconds.</summary>
    public static IResult Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable",
            "The database is temporarily unavailable. Retry in a few seconds; a retry with the same Idempotency-Key never creates a second resource.");

    public static bool TryMap(Exception exception, out IResult result)
    {
        result = exception switch
        {
            ApiRequestException api => Problem(api.Status, api.Code, api.Message, errors: api.Errors),
            ValidationException validation => Problem(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.",
                errors: validation.Errors
                    .GroupBy(e => ApiJson.FieldName(e.PropertyName))
                    .ToDictionary(g => g.Key.Length == 0 ? "$" : g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray())),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, "forbidden", "This API key's role may not do this."),
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "not-found", notFound.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "conflict", conflict.Message),
            SuppressedException suppressed => Problem(StatusCodes.Status409Conflict, "suppressed", suppressed.Message, "ER-8"),
            DomainException domain => Problem(StatusCodes.Status422UnprocessableEntity, domain.Code, domain.Message, domain.Rule),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "conflict", "Someone else changed this at the same time; nothing was saved. Read it again and retry."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                Problem(StatusCodes.Status409Conflict, "conflict", "A concurrent request created the same resource; nothing was saved. Retry to see it."),
            _ => null!,
        };
        return result is not null;
    }

    public static string TitleOf(int status) => Title(status);

    private static string Title(int status) => status switch
    {
        400 => "The request is malformed.",
        401 => "An API key is required.",
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "Conflict.",
        413 => "The body is too large.",
        410 => "Gone.",
        415 => "Unsupported media type.",
        422 => "The request was refused by a rule.",
        428 => "A precondition is required.",
        500 => "Internal error.",
        503 => "The service is temporarily unavailable.",
        _ => "Error.",
    };
}

/// <summary>ER-8: a pushed person matches the suppression list (erased or objected); only the DPO may override.</summary>
public sealed class SuppressedException(string message) : Exception(message);

/// <summary>Outermost filter of the API group: every known refusal becomes a problem response.</summary>
public sealed class ApiExceptionFilter : IEndpointFilter
{
    /// <summary>The API speaks English whatever the caller's Accept-Language: its messages (ours and the validators') never mix languages.</summary>
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("en");

    private static readonly Action<ILogger, Exception?> LogUnhandled = LoggerMessage.Define(LogLevel.Error, default, "Unhandled API error");

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

/// <summary>Marks the API's endpoints so the authorization result handler answers them with problem details.</summary>
public sealed class ApiEndpointMetadata;

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
