using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The candidate's status page behind the secret link (token stored hashed): timeline in plain words,
/// the current due date (extended with its reason; provisional while we wait, CLK-3), messages, the
/// answer to a question (with an identity-document upload only when the DPO asked for proof, ID-6), a
/// new verification link, and withdrawal. A wrong token and an unknown reference give the same page.
/// </summary>
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RateLimited(RateLimitBucket.Portal)]
public sealed class Status(IMediator mediator, IStringLocalizer<Status> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "r")]
    public string? R { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    [BindProperty]
    public Form Data { get; set; } = new();

    public GetCandidateStatus.View? Case { get; private set; }

    public string? Flash { get; private set; }

    /// <summary>The link was valid once but a newer one replaced it ("find my request"): say so, not "not found".</summary>
    public bool Replaced { get; private set; }

    /// <summary>After a successful POST the page redirects to itself (PRG); this names what was done, for the message.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["answer"] = "Portal.Status.AnswerSent",
        ["withdrawn"] = "Portal.Status.Withdrawn",
        ["resent"] = "Portal.Verify.Resent",
    };

    public sealed class Form
    {
        public string? Message { get; set; }
        public IFormFile? File { get; set; }
        public bool ConfirmWithdraw { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        // Links built elsewhere (the API's acknowledgement) spell the parameters out in full.
        R ??= Request.Query["reference"].FirstOrDefault();
        T ??= Request.Query["token"].FirstOrDefault();
        await mediator.Send(new AdoptStatusLink.Command { Reference = R, Token = T });
        if (Done is not null && DoneMessages.TryGetValue(Done, out var doneKey))
            Flash = l[doneKey];
        return await ShowAsync();
    }

    /// <summary>A deliverable straight from the status page while it is valid (ACC-5); counted like the e-mailed link.</summary>
    public async Task<IActionResult> OnGetPackageAsync(Guid p)
    {
        var file = await mediator.Send(new FetchPackageFromStatus.Command { Reference = R, Token = T, PackageId = p });
        if (file is null)
            return await ShowAsync();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        AnswerQuestion.Upload? upload = null;
        if (Data.File is { } file)
        {
            var content = file.Length is > 0 and <= UploadedFileCheck.MaxBytes ? await ReadAsync(file) : [];
            upload = new AnswerQuestion.Upload(file.FileName, file.Length, content);
        }
        return await RunAsync(new AnswerQuestion.Command { Reference = R, Token = T, Message = Data.Message, File = upload }, "answer");
    }

    public async Task<IActionResult> OnPostWithdrawAsync() =>
        await RunAsync(new WithdrawRequest.Command { Reference = R, Token = T, ConfirmWithdraw = Data.ConfirmWithdraw }, "withdrawn");

    public async Task<IActionResult> OnPostResendAsync()
    {
        try
        {
            await mediator.Send(new ResendVerification.Command { Reference = R, StatusToken = T });
            return Back("resent");
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Code == ResendVerification.TooSoon ? l["Portal.Verify.TooSoon"] : l["Portal.Error.NotPossible"]);
        }
        catch (NotFoundException)
        {
            // Same page as an unknown reference.
        }
        return await ShowAsync();
    }

    /// <summary>Post/Redirect/Get: a reload after a successful POST shows the page again instead of posting twice or "not found".</summary>
    private RedirectToPageResult Back(string done) => RedirectToPage("/Requests/Status", new { r = R, t = T, done });

    private async Task<IActionResult> RunAsync<T>(IRequest<T> command, string done)
    {
        try
        {
            await mediator.Send(command);
            return Back(done);
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
                ModelState.AddModelError("Data." + error.PropertyName, error.ErrorMessage);
        }
        catch (DomainException)
        {
            ModelState.AddModelError("", l["Portal.Error.NotPossible"]);
        }
        catch (NotFoundException)
        {
            // Same page as an unknown reference.
        }
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        Case = await mediator.Send(new GetCandidateStatus.Query { Reference = R, Token = T });
        if (Case is null)
        {
            ModelState.Clear();
            Flash = null;
            Replaced = await mediator.Send(new CheckStatusLinkReplaced.Query { Reference = R, Token = T });
            Response.StatusCode = Replaced ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        }
        return Page();
    }

    private static async Task<byte[]> ReadAsync(IFormFile file)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream((int)file.Length);
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
