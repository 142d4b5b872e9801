using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;
using static PrivacyDesk.IntegrationTests.Staff.StaffTestData;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// The staff workspace through its pages: a failed decision keeps what was entered, execution shows
/// its preview and runs only when confirmed, the queue searches closed requests and exports what it shows.
/// </summary>
public sealed class StaffWorkspaceTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<HtmlSession> SignedInAsync(string role, string language, string? email = null)
    {
        var session = new HtmlSession(App);
        await session.GetAsync($"/Language?c={language}&r=/");
        await session.SignInAsync(role, email);
        return session;
    }

    /// <summary>Before: the form came back with "approve" ticked and the texts gone, the error twice and in English.</summary>
    [Fact]
    public async Task Should_keep_the_chosen_outcome_and_texts_when_a_decision_fails_validation()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Erasure);
        using var dpo = await SignedInAsync(Roles.Dpo, "nl");
        var (_, page) = await dpo.GetAsync($"/Dpo/Requests/Details?id={request.Id}");

        var (response, result) = await dpo.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Outcome"] = "Refused", ["ReasonCode"] = "other", ["ReasonDetails"] = "",
        }, "form.decide-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Refused", result.QuerySelector("form.decide-form input[name=Outcome][checked]")?.GetAttribute("value"));
        Assert.Equal("other", result.QuerySelector("#decide-code option[selected]")?.GetAttribute("value"));
        // One error, beside its field, in Dutch (DecideRequest: "Explain the reason in plain words (N1).").
        var error = result.QuerySelector("#decide-details-error")?.TextContent;
        Assert.Equal("Leg de reden in eenvoudige woorden uit (N1).", error);
        Assert.Equal(1, result.Body!.TextContent.Split("Leg de reden in eenvoudige woorden uit").Length - 1);
        Assert.Equal(RequestStatus.InReview, (await LoadAsync(App, request.Id)).Status);

        var (again, _) = await dpo.SubmitAsync(result, new Dictionary<string, string>
        {
            ["Outcome"] = "Refused", ["ReasonCode"] = "excessive", ["ReasonDetails"] = "Vierde identieke aanvraag deze maand.",
        }, "form.decide-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(RequestStatus.Refused, (await LoadAsync(App, request.Id)).Status);
    }

    /// <summary>Before: one click on "carry out the plan" erased data with no preview and no confirmation.</summary>
    [Fact]
    public async Task Should_preview_the_plan_and_change_nothing_without_confirmation()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        using var office = await SignedInAsync(Roles.BackOffice, "fr");
        var (_, page) = await office.GetAsync($"/BackOffice/Cases/Details?id={request.Id}");

        // The preview counts come from the plan that will run, and the confirmation names candidate and request.
        var preview = await App.SendAsync(new ExecutionPreview.Query { RequestId = request.Id }, Roles.BackOffice);
        Assert.NotEmpty(preview.Lines);
        var rows = page.QuerySelectorAll("table.preview tbody tr");
        Assert.Equal(preview.Lines.Count, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("Effacer", StringComparison.Ordinal));
        var confirm = page.QuerySelector("form.execute-form label")!.TextContent;
        Assert.Contains($"{worker.FirstName} {worker.LastName}", confirm, StringComparison.Ordinal);
        Assert.Contains(request.Reference, confirm, StringComparison.Ordinal);
        var erased = preview.Count(PlanOutcome.Erase);
        Assert.Contains(erased.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".preview-totals")!.TextContent, StringComparison.Ordinal);

        var (unconfirmed, shown) = await office.SubmitAsync(page, new Dictionary<string, string>(), "form.execute-form");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal("Cochez la confirmation : sans confirmation, rien n'est exécuté.", shown.QuerySelector("#confirm-error")?.TextContent);
        await AssertUntouchedAsync();

        // A preview of another plan (a stale page) is refused as well.
        var (stale, stalePage) = await office.SubmitAsync(page, new Dictionary<string, string> { ["Confirmed"] = "true", ["fingerprint"] = "0000" }, "form.execute-form");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Le plan a changé", stalePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await AssertUntouchedAsync();

        var (confirmed, _) = await office.SubmitAsync(page, new Dictionary<string, string> { ["Confirmed"] = "true" }, "form.execute-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotEqual(RequestStatus.Approved, (await LoadAsync(App, request.Id)).Status);
        Assert.Contains("request.execution-started", await EventTypesAsync(App, request.Id));

        async Task AssertUntouchedAsync()
        {
            var saved = await LoadAsync(App, request.Id);
            Assert.Equal(RequestStatus.Approved, saved.Status);
            Assert.All(saved.SubRequests, s => Assert.Null(s.ExecutedAt));
            Assert.DoesNotContain("request.execution-started", await EventTypesAsync(App, request.Id));
            Assert.Equal(0, await App.WithDbAsync(db => db.Tasks.CountAsync(t => t.RequestId == request.Id)));
            Assert.Equal(preview.Lines.Sum(l => l.Records), (await App.SendAsync(new ExecutionPreview.Query { RequestId = request.Id }, Roles.BackOffice)).Lines.Sum(l => l.Records));
        }
    }

    /// <summary>Before: the queue searched open requests only, by reference or name.</summary>
    [Fact]
    public async Task Should_find_a_closed_case_by_reference_and_e_mail_and_export_the_filtered_rows()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var closed = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE requests SET status = 'Closed', closed_at = now() WHERE id = {closed.Id}"));
        var other = await App.AddCandidateAsync(c => { c.ExternalReference = "ATS-OTHER"; c.Email = "andere.persoon@example.be"; c.LastName = "Anders"; }, seed: 11);
        var open = await App.AddRequestAsync(other, RequestType.Erasure);
        using var dpo = await SignedInAsync(Roles.Dpo, "nl");

        var (_, byReference) = await dpo.GetAsync("/Dpo/Queue?Search=" + Uri.EscapeDataString(closed.Reference.ToLowerInvariant()));
        var row = Assert.Single(byReference.QuerySelectorAll("table.queue tbody tr"));
        Assert.Contains("Afgesloten", row.TextContent, StringComparison.Ordinal);
        var (_, byEmail) = await dpo.GetAsync("/Dpo/Queue?Search=" + Uri.EscapeDataString(candidate.Email!.ToUpperInvariant()));
        Assert.Contains(closed.Reference, Assert.Single(byEmail.QuerySelectorAll("table.queue tbody tr")).TextContent, StringComparison.Ordinal);
        var (_, openOnly) = await dpo.GetAsync("/Dpo/Queue");
        Assert.DoesNotContain(closed.Reference, openOnly.QuerySelector("table.queue")!.TextContent, StringComparison.Ordinal);

        // The CSV carries the filtered rows (all of them, not one page), with Dutch headers and labels.
        var csvLink = (await dpo.GetAsync("/Dpo/Queue?Type=Erasure")).Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!;
        var csvResponse = await dpo.Client.GetAsync(csvLink);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Referentie", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains(open.Reference, lines[1], StringComparison.Ordinal);
        Assert.Contains("Wissing", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_assign_the_ticked_requests_at_once_and_audit_each()
    {
        await App.ImportPackAsync("asap");
        var first = await App.AddRequestAsync(null, RequestType.Access);
        var second = await App.AddRequestAsync(null, RequestType.Erasure);
        await HtmlSession.CreateStaffAsync(App, "collega@test.local", Roles.Dpo);
        using var dpo = await SignedInAsync(Roles.Dpo, "nl");
        var (_, queue) = await dpo.GetAsync("/Dpo/Queue");

        var (none, nonePage) = await dpo.SubmitAsync(queue, new Dictionary<string, string> { ["Bulk.Assignee"] = "collega@test.local" }, "form.bulk-form");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Vink minstens één verzoek aan.", nonePage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        var form = queue.QuerySelector("form.bulk-form")!.GetAttribute("action")!;
        var post = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", queue.QuerySelector("form.bulk-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Bulk.Assignee", "collega@test.local"),
            new("Bulk.RequestIds", first.Id.ToString()),
            new("Bulk.RequestIds", second.Id.ToString()),
        };
        var response = await dpo.Client.PostAsync(form, new FormUrlEncodedContent(post));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var assigned = await App.WithDbAsync(db => db.Requests.Where(r => r.AssignedTo == "collega@test.local").CountAsync());
        Assert.Equal(2, assigned);
        Assert.Contains("request.assigned", await EventTypesAsync(App, first.Id));
        Assert.Contains("request.assigned", await EventTypesAsync(App, second.Id));
    }
}
