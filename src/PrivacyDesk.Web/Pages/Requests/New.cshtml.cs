using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// The public request form: one or several rights, identity fields with the reason each is
/// asked (never the national number or an ID copy, ID-5), and the type-specific answers of product.md §2.
/// A hidden client GUID makes a refresh or double click create one request.
/// </summary>
[RateLimited(RateLimitBucket.Portal, PostOnly = true)]
public sealed partial class New(IMediator mediator) : PageModel
{
    [BindProperty]
    public SubmitRequest.Command Data { get; set; } = new();

    public IReadOnlyList<GetRequestFormOptions.PurposeOption> ObjectionOptions { get; private set; } = [];

    public IReadOnlyList<GetRequestFormOptions.PurposeOption> ConsentOptions { get; private set; } = [];

    public static readonly RestrictionGround[] Grounds = Enum.GetValues<RestrictionGround>();

    public async Task OnGetAsync(string? type)
    {
        Data = new SubmitRequest.Command
        {
            SubmissionKey = Guid.NewGuid().ToString(),
            Language = PortalFormat.CurrentLanguage,
            Types = Enum.TryParse<RequestType>(type, ignoreCase: true, out var t) && Enum.IsDefined(t) ? [t.ToString()] : [],
        };
        await LoadOptionsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Data.Corrections = [.. Data.Corrections.Take(SubmitRequest.Command.MaxCorrections)];
        while (Data.Corrections.Count < SubmitRequest.Command.MaxCorrections)
            Data.Corrections.Add(new SubmitRequest.CorrectionInput());
        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync();
            return Page();
        }
        try
        {
            var result = await mediator.Send(Data);
            return RedirectToPage("Submitted", new { key = result.SubmissionKey });
        }
        catch (Exception ex) when (ex is FluentValidation.ValidationException or DomainException or ConflictException)
        {
            // The form is shown again with the errors (DomainExceptionPageFilter): only then are its options needed.
            await LoadOptionsAsync();
            throw;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
            && (pg.ConstraintName ?? "").Contains("submission_key", StringComparison.Ordinal))
        {
            // A double click raced us: the other post created the request; show its confirmation.
            return RedirectToPage("Submitted", new { key = Data.SubmissionKey });
        }
    }

    private async Task LoadOptionsAsync()
    {
        var options = await mediator.Send(new GetRequestFormOptions.Query { Language = PortalFormat.CurrentLanguage });
        (ObjectionOptions, ConsentOptions) = (options.Objection, options.Consent);
    }
}
