using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.Web.Pages.Dpo.Queue;

/// <summary>
/// The DPO queue (Features/Staff/SearchQueue.cs): filters and sort in the address, bulk assignment, CSV export,
/// and the staff member's saved default view, applied when the address carries no filter at all.
/// </summary>
public sealed class Index(IMediator mediator, IStringLocalizer<Index> l) : StaffPageModel
{
    /// <summary>The explicit "every open request" address: it carries a parameter, so no saved view applies.</summary>
    public const string AllLink = "/Dpo/Queue?View=all";

    [BindProperty(SupportsGet = true)]
    public SearchQueue.Query Filter { get; set; } = new();

    public SearchQueue.Result Data { get; private set; } = new([], null, DateOnly.MinValue, []);

    [TempData]
    public int? Assigned { get; set; }

    /// <summary>"saved" or "reset" after the default view changed (one flash).</summary>
    [TempData]
    public string? ViewChanged { get; set; }

    /// <summary>The saved default view was applied to this page.</summary>
    public bool DefaultApplied { get; private set; }

    public bool HasDefault { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(applyDefault: Request.Query.Count == 0);

    protected override Task ReloadAsync() => LoadAsync(applyDefault: false);

    private async Task LoadAsync(bool applyDefault)
    {
        var saved = await mediator.Send(new DefaultQueueView.Query());
        HasDefault = saved is not null;
        if (applyDefault && saved is not null)
        {
            Filter = saved;
            DefaultApplied = true;
        }
        Data = await mediator.Send(Filter);
    }

    /// <summary>Bulk assignment of the ticked rows; back to the same filtered view.</summary>
    public async Task<IActionResult> OnPostAssignAsync([Bind(Prefix = "Bulk")] BulkAssign.Command command)
    {
        Assigned = await mediator.Send(command);
        return Redirect(Link());
    }

    /// <summary>Saves the filters and sort of the address (not the search term) as this staff member's default view.</summary>
    public async Task<IActionResult> OnPostSaveViewAsync()
    {
        if (!ModelState.IsValid)
        {
            // A filter value the queue does not know (bound from the address): one message in the page's language.
            ModelState.Clear();
            ModelState.AddModelError("", l["Staff.Queue.View.Invalid"]);
            await LoadAsync(applyDefault: false);
            return Page();
        }
        await mediator.Send(SaveQueueView.Command.From(Filter));
        ViewChanged = "saved";
        return Redirect(Link());
    }

    public async Task<IActionResult> OnPostResetViewAsync()
    {
        await mediator.Send(new ResetQueueView.Command());
        ViewChanged = "reset";
        return Redirect(AllLink);
    }

    /// <summary>The filtered list (not just this page) as CSV, headers and labels in the staff member's language.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var csv = await mediator.Send(new QueueExport.Query { Filter = Filter with { AfterDue = null, AfterId = null, PageNumber = 0 } });
        return File(csv, "text/csv; charset=utf-8", "queue.csv");
    }

    /// <summary>The query string of this filter with another sort (column headers) or page.</summary>
    public string Link(SearchQueue.SortColumn? sort = null, bool? descending = null, int? page = null, bool csv = false)
    {
        var f = Filter;
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
        if (csv)
            Add("handler", "Csv");
        Add("Search", f.Search);
        Add("Type", f.Type?.ToString());
        Add("Status", f.Status?.ToString());
        Add("Channel", f.Channel?.ToString());
        Add("Assignee", f.Assignee);
        Add("Window", f.Window?.ToString());
        Add("Flag", f.Flag?.ToString());
        Add("DueFrom", f.DueFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("DueTo", f.DueTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var s = sort ?? f.Sort;
        var desc = descending ?? f.Descending;
        if (s != SearchQueue.SortColumn.Due || desc)
        {
            Add("Sort", s.ToString());
            if (desc)
                Add("Descending", "true");
        }
        if (page is > 0)
            Add("PageNumber", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/Dpo/Queue" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }
}
