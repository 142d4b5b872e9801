using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The deliverable behind its secret, time-limited link (ACC-5: the person can download it, not only view
/// it). The page says what it is and until when it works; the file itself is sent as an attachment with a
/// safe name and its real content type, and every download is counted.
/// </summary>
[RateLimited(RateLimitBucket.Portal)]
public sealed class Download(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    public GetPackageLink.Info? Package { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Package = await mediator.Send(new GetPackageLink.Query { Token = T });
        if (Package is null || Package.Expired)
            Response.StatusCode = Package is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync()
    {
        var file = await mediator.Send(new FetchPackageByLink.Command { Token = T });
        if (file is null)
            return await OnGetAsync();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
