using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Infrastructure.Web;

/// <summary>
/// Turns validation failures into field errors under the page's "Data." prefix, and domain refusals
/// and concurrency conflicts into a page-level message, then re-renders the page (style.md §7).
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled || context.HandlerInstance is not PageModel page)
            return;

        // Messages are resource keys or English texts that double as keys: shown in the page's language.
        var texts = context.HttpContext.RequestServices.GetService<IStringLocalizerFactory>()?.Create(typeof(DomainExceptionPageFilter));
        string Text(string message) => texts is null ? message : texts[message].Value;
        switch (executed.Exception)
        {
            case ValidationException validation:
                // One message per field: a second rule failing on the same field adds nothing the first did not say.
                foreach (var error in validation.Errors.DistinctBy(e => e.PropertyName))
                    page.ModelState.AddModelError(string.IsNullOrEmpty(error.PropertyName) ? "" : "Data." + error.PropertyName, Text(error.ErrorMessage));
                break;
            case DomainException domain:
                page.ModelState.AddModelError("", domain.Rule is null ? Text(domain.Message) : $"{Text(domain.Message)} ({domain.Rule})");
                break;
            case ConflictException conflict:
                page.ModelState.AddModelError("", Text(conflict.Message));
                break;
            case ForbiddenException:
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                return;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                return;
            default:
                return;
        }
        executed.ExceptionHandled = true;
        executed.Result = page.Page();
    }
}
