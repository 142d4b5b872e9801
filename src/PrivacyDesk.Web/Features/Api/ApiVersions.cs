using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Retention;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>The request's version on the wire: ETag / If-Match or a "version" field; and reading a request back after a change.</summary>
public static class ApiVersions
{
    /// <summary>
    /// The version the client says it read: If-Match ("123", W/"123" or 123; * = whatever is current, no check) or the
    /// body's version. Null when neither was sent; 0 means "no check".
    /// </summary>
    public static uint? Expected(HttpContext http, uint? bodyVersion)
    {
        var values = http.Request.Headers.IfMatch;
        if (bodyVersion == 0)
            throw Missing("version", "Send the version from GET /api/v1/requests/{id} (a positive number).");
        if (values.Count == 0)
            return bodyVersion;
        if (values.Count > 1 || (values[0] ?? "").Contains(',', StringComparison.Ordinal))
            throw Field("If-Match", "Send one ETag.");
        var raw = (values[0] ?? "").Trim();
        if (raw == "*")
            return bodyVersion ?? 0;
        if (raw.StartsWith("W/", StringComparison.Ordinal))
            raw = raw[2..];
        raw = raw.Trim('"');
        if (!uint.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version == 0)
            throw Field("If-Match", "Send the ETag of GET /api/v1/requests/{id}, e.g. \"123456\".");
        if (bodyVersion is not null && bodyVersion != version)
            throw Field("version", "The body's version and If-Match differ; send one of them.");
        return version;
    }

    /// <summary>
    /// The request as it is after the command. Under an Idempotency-Key the command ran inside the key's transaction
    /// and its changes are saved (not yet committed) here, so the answer — and the stored replay — shows them.
    /// </summary>
    public static async Task<RequestView> ViewAfterAsync(HttpContext http, IMediator mediator, Guid requestId)
    {
        await SaveInsideKeyTransactionAsync(http);
        var view = await mediator.Send(new GetRequestStatus.Query { RequestId = requestId }, http.RequestAborted);
        http.Response.Headers.ETag = RequestView.ETagOf(view.Version);
        return view;
    }

    /// <summary>
    /// The view of a request this HTTP request has just created: the saved entity is still tracked, complete with its
    /// sub-requests and the version PostgreSQL returned on insert, so there is no need to read it back (docs/performance.md).
    /// </summary>
    public static async Task<RequestView> ViewOfCreatedAsync(HttpContext http, IMediator mediator, Guid requestId)
    {
        await SaveInsideKeyTransactionAsync(http);
        var db = http.RequestServices.GetRequiredService<PrivacyDeskDbContext>();
        if (db.Requests.Local.FindEntry(requestId) is not { State: EntityState.Unchanged } entry || entry.Entity.Version == 0)
            return await ViewAfterAsync(http, mediator, requestId);
        var view = RequestView.From(entry.Entity);
        http.Response.Headers.ETag = RequestView.ETagOf(view.Version);
        return view;
    }

    public static async Task SaveInsideKeyTransactionAsync(HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<PrivacyDeskDbContext>();
        if (db.Database.CurrentTransaction is not null)
            await db.SaveChangesAsync(http.RequestAborted);
    }

    public static ApiRequestException Missing(string field, string message) => Field(field, message);

    private static ApiRequestException Field(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });
}
