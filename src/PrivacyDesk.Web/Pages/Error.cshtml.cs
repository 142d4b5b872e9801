using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Pages;

/// <summary>Friendly error and status-code page: a clear message, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<ErrorModel> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    // The status code comes from the re-execution (or the query), never from model binding: a re-executed POST
    // still carries the original form, and a form the framework refused to read (e.g. a NUL) must not turn the
    // friendly 400 page into a 500.
    public void OnGet() => Describe(StatusCode());

    public void OnPost() => Describe(StatusCode());

    private int? StatusCode() =>
        HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode
        ?? (int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null);

    /// <summary>Largest form the upload pages accept (their RequestFormLimits): a bigger one was refused for its size.</summary>
    public const long FormLimitBytes = 12 * 1024 * 1024;

    // A form refused while it was read names no field; its size tells a too-large upload from bad characters.
    private bool IsOversizedForm() => Request.HasFormContentType && Request.ContentLength > FormLimitBytes;

    private void Describe(int? code)
    {
        // No status and no exception: someone opened /Error directly, which is just a page that is not there.
        var failed = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        var status = code ?? (failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound);
        (Title, Text) = status switch
        {
            StatusCodes.Status404NotFound => (l["Page not found"].Value, l["Back to the home page"].Value),
            StatusCodes.Status403Forbidden => (l["Access denied"].Value, l["Access denied text"].Value),
            StatusCodes.Status413PayloadTooLarge => (l["Error.TooLarge.Title"].Value, l["Error.TooLarge.Text"].Value),
            StatusCodes.Status400BadRequest when IsOversizedForm() => (l["Error.TooLarge.Title"].Value, l["Error.TooLarge.Text"].Value),
            StatusCodes.Status400BadRequest => (l["Error.BadInput.Title"].Value, l["Error.BadInput.Text"].Value),
            StatusCodes.Status429TooManyRequests => (l["Too many requests"].Value, l["Too many requests"].Value),
            StatusCodes.Status503ServiceUnavailable => (l["faults.unavailable.title"].Value, l["faults.unavailable.text"].Value),
            _ => (l["Something went wrong"].Value, l["Error text"].Value),
        };
        if (code is null)
            Response.StatusCode = status;
        else if (status == StatusCodes.Status400BadRequest && IsOversizedForm())
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
    }
}
