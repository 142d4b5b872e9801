using System.Globalization;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>The read-only admin surface (<see cref="AdminQueries"/>): audit trail, erasure ledger, suppression list, a request's e-mails, the event feed.</summary>
public static partial class ApiEndpoints
{
    private static void MapAdmin(RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (HttpContext http, IMediator mediator) =>
            {
                var (paging, errors) = ParsePaging(http.Request.Query, 'a');
                var requestId = ParseGuid(http.Request.Query, "requestId", errors);
                ThrowIfInvalid(errors);
                return TypedResults.Ok(await mediator.Send(new AdminQueries.ListAudit(paging, requestId), http.RequestAborted));
            })
            .ProducesValidationProblem()
            .WithName("ListAuditEvents")
            .WithSummary("The audit trail in sequence order, paged (Admin and Dpo keys); requestId filters one request's events")
            .WithDescription("Summaries carry ids, types and outcomes, never readable personal data. sealed tells whether the event is already in the hash chain (the sealer runs every few seconds).");

        api.MapGet("/audit/verify", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AdminQueries.VerifyAudit(), ct)))
            .WithName("VerifyAuditTrail")
            .WithSummary("Check the audit trail's hash chain end to end, as verify-audit does (Admin and Dpo keys)")
            .WithDescription("intact = false names the first broken sequence (edited, deleted or forked events) in brokenAtSequence.");

        api.MapGet("/erasure-ledger", async (HttpContext http, IMediator mediator) =>
            {
                var (paging, errors) = ParsePaging(http.Request.Query, 'l');
                var candidateId = ParseGuid(http.Request.Query, "candidateId", errors);
                ThrowIfInvalid(errors);
                return TypedResults.Ok(await mediator.Send(new AdminQueries.ListLedger(paging, candidateId), http.RequestAborted));
            })
            .ProducesValidationProblem()
            .WithName("ListErasureLedger")
            .WithSummary("The erasure ledger: what was deleted, anonymised, restricted or deferred, as counts per record set and rule, never content (Admin and Dpo keys)");

        api.MapGet("/suppression", async (HttpContext http, IMediator mediator) =>
            {
                var (paging, errors) = ParsePaging(http.Request.Query, 's');
                ThrowIfInvalid(errors);
                return TypedResults.Ok(await mediator.Send(new AdminQueries.ListSuppression(paging), http.RequestAborted));
            })
            .ProducesValidationProblem()
            .WithName("ListSuppressionEntries")
            .WithSummary($"The suppression list (ER-8): the first {AdminQueries.HashPrefixLength} characters of each keyed hash, the reason and the date, never readable data (Admin and Dpo keys)");

        api.MapGet("/requests/{id:guid}/messages", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AdminQueries.ListMessages(id), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListRequestMessages")
            .WithSummary("The e-mails PrivacyDesk wrote for a request: template, language, subject and delivery (sentAt, attempts), never the address or body (Admin, Dpo and BackOffice keys)");

        api.MapGet("/events", async (HttpContext http, IMediator mediator) =>
            {
                var (paging, errors) = ParsePaging(http.Request.Query, 'l', "after");
                ThrowIfInvalid(errors);
                return TypedResults.Ok(await mediator.Send(new AdminQueries.ListEvents(paging), http.RequestAborted));
            })
            .ProducesValidationProblem()
            .WithName("ListEvents")
            .WithSummary("The event feed: every erasure, anonymisation and restriction of a candidate's data, per record set, in the order they happened (Intake, Admin and Dpo keys)")
            .WithDescription("An ATS keeps the cursor of the last event it applied and asks for ?after=cursor; nextCursor is null when it has caught up (ask again later from the last event's cursor). Erased means delete the candidate's data of that record set on your side too; Restricted means stop processing it (Art. 18).");
    }

    private static (AdminQueries.Paging Paging, Dictionary<string, string[]> Errors) ParsePaging(IQueryCollection query, char cursorKind, string cursorName = "cursor")
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var limit = AdminQueries.DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > AdminQueries.MaxLimit))
            errors["limit"] = [$"Use a whole number from 1 to {AdminQueries.MaxLimit}."];
        string? cursor = query[cursorName].ToString() is { Length: > 0 } c ? c : null;
        if (cursor is not null && !AdminQueries.IsCursor(cursor, cursorKind))
            errors[cursorName] = ["This cursor is not one this list gave out."];
        return (new AdminQueries.Paging(limit, cursor), errors);
    }

    private static Guid? ParseGuid(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (query[name].ToString() is not { Length: > 0 } raw)
            return null;
        if (Guid.TryParse(raw, CultureInfo.InvariantCulture, out var id))
            return id;
        errors[name] = ["Use an id (a UUID)."];
        return null;
    }

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "validation", "One or more query parameters are invalid.", errors);
    }
}
