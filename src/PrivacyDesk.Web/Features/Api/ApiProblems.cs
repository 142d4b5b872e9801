using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

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
