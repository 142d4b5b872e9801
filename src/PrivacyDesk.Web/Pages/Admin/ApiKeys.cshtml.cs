using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.Api;

namespace PrivacyDesk.Web.Pages.Admin;

/// <summary>
/// API keys for other systems (Admin): list with prefix, role, created, last used and revoked; create
/// (the key is shown once, on the page that answers the POST, never stored readable); revoke.
/// </summary>
public sealed class ApiKeys(IMediator mediator) : PageModel
{
    [BindProperty]
    public CreateApiKey.Command Data { get; set; } = new() { Role = Roles.Intake };

    public IReadOnlyList<ListApiKeys.Item> Keys { get; private set; } = [];

    /// <summary>The new key, shown once in the response to the create POST.</summary>
    public CreateApiKey.Result? Created { get; private set; }

    public IReadOnlyList<string> RoleChoices => Roles.All;

    public async Task OnGetAsync() => Keys = await mediator.Send(new ListApiKeys.Query());

    public async Task<IActionResult> OnPostCreateAsync()
    {
        try
        {
            Created = await mediator.Send(Data);
            Data = new CreateApiKey.Command { Role = Roles.Intake };
            ModelState.Clear();
        }
        finally
        {
            Keys = await mediator.Send(new ListApiKeys.Query());
        }
        // The key must not be cached by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await mediator.Send(new RevokeApiKey.Command { ApiKeyId = id });
        return RedirectToPage();
    }
}
