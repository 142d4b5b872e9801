using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The e-mail verification link (ID-4 step 2). Opening the link shows one button; pressing it confirms the
/// address (a POST, so mail scanners that open links do not use it up), and when the address plus the
/// date of birth or phone matches one candidate, identity is established at once. An expired link offers
/// a new one.
/// </summary>
[RateLimited(RateLimitBucket.Portal)]
public sealed class Verify(IMediator mediator, IStringLocalizer<Verify> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "r")]
    public string? R { get; set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    public CheckVerificationLink.LinkState State { get; private set; }

    public bool? Established { get; private set; }

    public bool Resent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        State = await mediator.Send(new CheckVerificationLink.Query { Reference = R, Token = T });
        return Show();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        try
        {
            Established = await mediator.Send(new ConfirmEmailAddress.Command { Reference = R, Token = T });
            State = CheckVerificationLink.LinkState.Confirmed;
        }
        catch (DomainException ex) when (ex.Code is "identity.link-expired")
        {
            State = CheckVerificationLink.LinkState.Expired;
        }
        catch (DomainException)
        {
            State = CheckVerificationLink.LinkState.Invalid;
        }
        catch (NotFoundException)
        {
            State = CheckVerificationLink.LinkState.Invalid;
        }
        return Show();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        try
        {
            await mediator.Send(new ResendVerification.Command { Reference = R, VerificationToken = T });
            Resent = true;
            State = CheckVerificationLink.LinkState.Expired;
        }
        catch (DomainException ex) when (ex.Code == ResendVerification.TooSoon)
        {
            ModelState.AddModelError("", l["Portal.Verify.TooSoon"]);
            State = CheckVerificationLink.LinkState.Expired;
        }
        catch (Exception ex) when (ex is NotFoundException or DomainException)
        {
            State = CheckVerificationLink.LinkState.Invalid;
        }
        return Show();
    }

    private IActionResult Show()
    {
        if (State == CheckVerificationLink.LinkState.Invalid)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
