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

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        (Title, Text) = status switch
        {
            StatusCodes.Status404NotFound => (l["Page not found"].Value, l["Back to the home page"].Value),
            StatusCodes.Status403Forbidden => (l["Access denied"].Value, l["Access denied text"].Value),
            StatusCodes.Status429TooManyRequests => (l["Too many requests"].Value, l["Too many requests"].Value),
            StatusCodes.Status503ServiceUnavailable => (l["faults.unavailable.title"].Value, l["faults.unavailable.text"].Value),
            _ => (l["Something went wrong"].Value, l["Error text"].Value),
        };
        if (code is null)
            Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
