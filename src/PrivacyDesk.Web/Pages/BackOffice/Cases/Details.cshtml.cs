using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Web.Features.BackOffice;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.BackOffice.Cases;

/// <summary>One approved case: carry out the plan, work through its tasks, send the final answer, then close it.</summary>
public sealed class Details(IMediator mediator) : PageModel
{
    public GetCase.Result View { get; private set; } = null!;

    /// <summary>What carrying out the plan will do, while it can still be carried out.</summary>
    public ExecutionPreview.Result? Preview { get; private set; }

    /// <summary>The confirmation box of the preview, kept when the page is shown again with an error.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public FinishTask.Command Data { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    private async Task LoadAsync(Guid id)
    {
        View = await mediator.Send(new GetCase.Query { RequestId = id });
        Preview = View.CanExecute ? await mediator.Send(new ExecutionPreview.Query { RequestId = id }) : null;
    }

    /// <summary>Runs the plan only with the preview's confirmation ticked and its fingerprint unchanged.</summary>
    public async Task<IActionResult> OnPostExecuteAsync(Guid id, string? fingerprint)
    {
        await LoadAsync(id);
        await mediator.Send(new ExecutionPreview.Confirm { RequestId = id, Confirmed = Confirmed, Fingerprint = fingerprint });
        Flash = "Execution.Executed";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostFinishAsync(Guid id)
    {
        await LoadAsync(id);
        await mediator.Send(Data);
        Flash = "Execution.TaskFinished";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id)
    {
        await LoadAsync(id);
        await mediator.Send(new SendFinalAnswer.Command { RequestId = id });
        Flash = "Execution.AnswerQueued";
        return RedirectToPage(new { id });
    }
}
