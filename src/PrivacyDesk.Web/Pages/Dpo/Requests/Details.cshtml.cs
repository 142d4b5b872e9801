using Microsoft.AspNetCore.Mvc;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Requests;

/// <summary>
/// One request for the DPO: what was asked, timeline, deadlines, identity panel with matching candidate
/// records (and why they match), the plan per purpose, disclosures, notes — and every decision
/// (<see cref="GetCaseDetails"/> reads it; the forms send the Features/Staff commands).
/// </summary>
public sealed class Details(IMediator mediator) : StaffPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public GetCaseDetails.Result Data { get; private set; } = null!;

    /// <summary>The decision as posted: a failed validation shows the form again with it, never with "approve".</summary>
    public DecideRequest.Command? PostedDecision { get; private set; }

    /// <summary>The extension as posted, kept the same way.</summary>
    public ExtendRequest.Command? PostedExtension { get; private set; }

    /// <summary>A purpose code in the staff member's language (codes are never shown as such).</summary>
    public string PurposeName(string code) => Data.PurposeNames.TryGetValue(code, out var name) ? name.For(UiLanguage) : code;

    /// <summary>Which form was posted (its handler name): its field errors are shown beside its own fields only.</summary>
    public string? PostedForm => HttpContext.Request.HasFormContentType ? HttpContext.Request.Query["handler"].ToString() : null;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    protected override async Task ReloadAsync() => Data = await mediator.Send(new GetCaseDetails.Query { Id = Id });

    public async Task<IActionResult> OnGetProofAsync(Guid attachmentId)
    {
        var file = await mediator.Send(new ViewProof.Command { AttachmentId = attachmentId });
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostVerifyAsync(VerifyIdentity.Command command) => Run(command);

    public Task<IActionResult> OnPostAskAsync(AskRequester.Command command) => Run(command);

    public Task<IActionResult> OnPostNoDataAsync(MarkNoData.Command command) => Run(command);

    public Task<IActionResult> OnPostNoteAsync(AddInternalNote.Command command) => Run(command);

    public Task<IActionResult> OnPostAssignAsync(AssignRequest.Command command) => Run(command);

    public Task<IActionResult> OnPostDecideAsync(DecideRequest.Command command)
    {
        PostedDecision = command;
        return Run(command);
    }

    public Task<IActionResult> OnPostExtendAsync(ExtendRequest.Command command)
    {
        PostedExtension = command;
        return Run(command);
    }

    private async Task<IActionResult> Run(IRequest<Unit> command)
    {
        await mediator.Send(command);
        TempData["flash"] = "Saved";
        return RedirectToPage(new { id = Id });
    }
}
