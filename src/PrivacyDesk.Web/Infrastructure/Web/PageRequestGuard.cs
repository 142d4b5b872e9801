using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>
/// Odd addresses are pages that do not exist (404), not errors: a handler name the page does not have (the page
/// would render without its data), and a malformed id on a GET (a "Guid" that is not one).
/// </summary>
public sealed class PageRequestGuard : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        // Nothing to do before the handler is known.
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var handler = context.RouteData.Values["handler"]?.ToString() ?? request.Query["handler"].ToString();
        // Razor Pages falls back to the page's plain handler (or none) when the named one does not exist.
        if (!string.IsNullOrEmpty(handler) && !string.Equals(context.HandlerMethod?.Name, handler, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new NotFoundResult();
            return;
        }
        if (HttpMethods.IsGet(request.Method) && context.ModelState.Any(e =>
                e.Key.EndsWith("id", StringComparison.OrdinalIgnoreCase) && e.Value is { Errors.Count: > 0, AttemptedValue.Length: > 0 }))
            context.Result = new NotFoundResult();
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        // Nothing to do after the handler.
    }
}
