using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>
/// Hostile input (docs/security.md) that no page should ever see: a NUL character (PostgreSQL text cannot hold
/// it, so it would fail the first query that uses the value) or U+FFFD, which is what the framework makes
/// of bytes that are not UTF-8. A form or query value carrying either is refused before any handler runs,
/// with a 400 and the friendly error page in the visitor's language. Other control characters are left
/// to the forms' validators, which name the field. Runs after model binding, so the pages' own form and
/// upload size limits have already applied.
/// </summary>
public sealed class InputGuardPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (context.HandlerInstance is not Pages.ErrorModel && !IsReExecution(http) && http.Request.HasFormContentType
            && http.Request.ContentLength > Pages.ErrorModel.FormLimitBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge); // "too large", not "invalid characters"
            return;
        }
        if (context.HandlerInstance is not Pages.ErrorModel && !IsReExecution(http) && await HasUnacceptableValueAsync(http.Request))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        await next();
    }

    /// <summary>True when a query or form value holds a NUL or undecodable bytes, or the form cannot be read at all.</summary>
    public static async Task<bool> HasUnacceptableValueAsync(HttpRequest request)
    {
        if (request.Query.Any(q => IsUnacceptable(q.Key) || q.Value.Any(IsUnacceptable)))
            return true;
        if (!request.HasFormContentType)
            return false;
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.Any(f => IsUnacceptable(f.Key) || f.Value.Any(IsUnacceptable))
                || form.Files.Any(f => IsUnacceptable(f.FileName) || IsUnacceptable(f.Name));
        }
        catch (InvalidDataException)
        {
            return true; // the framework's form reader refuses some of it (e.g. "%00"); so do we
        }
    }

    public static bool IsUnacceptable(string? value) => value is not null && value.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0;

    private static bool IsReExecution(HttpContext http) =>
        http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null;
}
