using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using static PrivacyDesk.IntegrationTests.Staff.StaffTestData;

namespace PrivacyDesk.IntegrationTests.Staff;

public sealed class LegalHoldPageTests(AppFixture app) : IntegrationTest(app)
{
    private static Dictionary<string, string> HoldFields(Guid candidateId) => new()
    {
        ["Data.CandidateId"] = candidateId.ToString(), ["Data.PurposeCodes"] = "payroll", ["Data.Reason"] = "Litigation",
        ["Data.ExternalReference"] = "AR Gent 24/123", ["Data.Description"] = "Claim about overtime pay", ["Data.EndCondition"] = "Final judgment plus appeal period",
        ["Data.ReviewOn"] = "2027-03-01",
    };

    [Fact]
    public async Task Should_place_review_and_lift_a_hold_with_audit_LH5_LH6_LH7()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Erasure);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo, "placer@test.local");
        var (_, form) = await dpo.GetAsync("/Dpo/LegalHolds/Place?Search=" + Uri.EscapeDataString(candidate.LastName));
        Assert.NotEmpty(form.QuerySelectorAll("input[name='Data.CandidateId']"));

        var (placed, _) = await dpo.SubmitAsync(form, HoldFields(candidate.Id), "main form[method=post]");

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var hold = await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync());
        Assert.Equal(["payroll"], hold.PurposeCodes);
        Assert.Equal("placer@test.local", hold.PlacedBy);
        var placedEvent = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Type == "hold.placed"));
        Assert.Equal((hold.Id, candidate.Id), (placedEvent.LegalHoldId!.Value, placedEvent.CandidateId!.Value));

        // Every affected open request shows the hold, in the queue and on the detail page.
        var (_, queue) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Contains("Bewaarplicht", queue.QuerySelector("table.queue tbody tr")!.TextContent, StringComparison.Ordinal);
        var (_, detail) = await dpo.GetAsync($"/Dpo/Requests/Details?id={request.Id}");
        Assert.Contains("LH-" + hold.Number, detail.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var (_, holdPage) = await dpo.GetAsync($"/Dpo/LegalHolds/Details?id={hold.Id}");
        await dpo.SubmitAsync(holdPage, new Dictionary<string, string> { ["NextReviewOn"] = "2027-05-01", ["Reason"] = "Appeal lodged." }, "form.review-form");
        Assert.Equal(new DateOnly(2027, 5, 1), (await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync())).ReviewOn);

        // LH-7 (and LH-4 for a colleague): no lift without a reason, also for the DPO who placed the hold.
        var (_, ownRefused) = await dpo.SubmitAsync(holdPage, new Dictionary<string, string> { ["Reason"] = "" }, "form.lift-form");
        Assert.Contains("LH-7", ownRefused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync())).LiftedAt);
        using var colleague = new HtmlSession(App);
        await colleague.SignInAsync(Roles.Dpo);
        var (_, colleaguePage) = await colleague.GetAsync($"/Dpo/LegalHolds/Details?id={hold.Id}");
        var (_, refused) = await colleague.SubmitAsync(colleaguePage, new Dictionary<string, string> { ["Reason"] = "" }, "form.lift-form");
        Assert.Contains("LH-7", refused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync())).LiftedAt);

        await colleague.SubmitAsync(colleaguePage, new Dictionary<string, string> { ["Reason"] = "Claim settled on 2026-11-20." }, "form.lift-form");
        var lifted = await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync());
        Assert.NotNull(lifted.LiftedAt);
        Assert.Equal("Claim settled on 2026-11-20.", lifted.LiftReason);
        var types = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.LegalHoldId == hold.Id).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());
        Assert.Equal(["hold.placed", "hold.reviewed", "hold.lifted"], types);
    }

    [Fact]
    public async Task Should_require_a_justification_for_an_all_purposes_hold_LH2()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, form) = await dpo.GetAsync("/Dpo/LegalHolds/Place?Search=" + Uri.EscapeDataString(candidate.LastName));
        var fields = HoldFields(candidate.Id);
        fields.Remove("Data.PurposeCodes");
        fields["Data.AllPurposes"] = "true";

        var (_, page) = await dpo.SubmitAsync(form, fields, "main form[method=post]");

        Assert.Contains("LH-2", Errors(page), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.LegalHolds.CountAsync()));
        fields["Data.Justification"] = "The claim concerns the whole employment relationship.";
        var (placed, _) = await dpo.SubmitAsync(form, fields, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.True((await App.WithDbAsync(db => db.LegalHolds.AsNoTracking().SingleAsync())).AllPurposes);
    }

    [Fact]
    public async Task Should_refuse_a_review_date_beyond_the_maximum_interval_LH5()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, form) = await dpo.GetAsync("/Dpo/LegalHolds/Place?Search=" + Uri.EscapeDataString(candidate.LastName));
        var fields = HoldFields(candidate.Id);
        fields["Data.ReviewOn"] = "2027-06-01"; // more than 6 months after 2026-11-23

        var (_, page) = await dpo.SubmitAsync(form, fields, "main form[method=post]");

        Assert.Contains("LH-5", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.LegalHolds.CountAsync()));
    }

    [Fact]
    public async Task Should_flag_overdue_reviews_on_the_list_and_the_dashboard_LH6()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        await App.SendAsync(new PrivacyDesk.Web.Features.Staff.PlaceLegalHold.Command
        {
            CandidateId = candidate.Id, PurposeCodes = ["payroll"], Reason = PrivacyDesk.Domain.LegalHolds.LegalHoldReason.Dispute,
            ExternalReference = "X-1", Description = "Dispute", EndCondition = "Settled", ReviewOn = new DateOnly(2026, 12, 1),
        }, Roles.Dpo);
        App.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        var (_, list) = await dpo.GetAsync("/Dpo/LegalHolds");
        var (_, dashboard) = await dpo.GetAsync("/Dpo/Dashboard");

        Assert.NotNull(list.QuerySelector("table.holds .badge.bad"));
        Assert.Contains("LH-", dashboard.QuerySelector("#hold-reviews")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class RegisterPageTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_validate_purpose_rule_and_recipient_edits()
    {
        await App.ImportPackAsync("asap");
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        var (_, purposeForm) = await dpo.GetAsync("/Dpo/Register/Purpose");
        var (_, purposePage) = await dpo.SubmitAsync(purposeForm, new Dictionary<string, string> { ["Data.Code"] = "Bad Code!", ["Data.LegalBasis"] = "LegalObligation", ["Data.Portable"] = "true" }, "main form[method=post]");
        Assert.NotNull(purposePage.QuerySelector("[data-valmsg-for='Data.NameNl'].field-validation-error, span.field-error"));
        Assert.Contains("Art. 20(1)", Errors(purposePage), StringComparison.Ordinal);

        var purposeId = await App.WithDbAsync(db => db.Purposes.Select(p => p.Id).FirstAsync());
        var (_, ruleForm) = await dpo.GetAsync($"/Dpo/Register/Rule?purposeId={purposeId}");
        var (_, rulePage) = await dpo.SubmitAsync(ruleForm, new Dictionary<string, string> { ["Data.Code"] = "new-rule", ["Data.Period"] = "5 years", ["Data.Citation"] = "Policy" }, "main form[method=post]");
        Assert.Contains("ISO 8601", Errors(rulePage), StringComparison.Ordinal);
        var (saved, _) = await dpo.SubmitAsync(ruleForm, new Dictionary<string, string> { ["Data.Code"] = "new-rule", ["Data.Period"] = "P5Y", ["Data.Citation"] = "Policy" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("P5Y", await App.WithDbAsync(db => db.RetentionRules.Where(r => r.Code == "new-rule").Select(r => r.Period).SingleAsync()));

        var (_, recipientForm) = await dpo.GetAsync("/Dpo/Register/Recipient");
        var recipient = new Dictionary<string, string> { ["Data.Code"] = "us-survey", ["Data.Name"] = "Survey Inc.", ["Data.Kind"] = "Processor", ["Data.Country"] = "US" };
        var (_, recipientPage) = await dpo.SubmitAsync(recipientForm, recipient, "main form[method=post]");
        Assert.Contains("EEA", Errors(recipientPage), StringComparison.Ordinal);
        recipient["Data.TransferSafeguard"] = "EU-US Data Privacy Framework";
        var (savedRecipient, _) = await dpo.SubmitAsync(recipientForm, recipient, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, savedRecipient.StatusCode);
        Assert.Contains("register.recipient-saved", await App.WithDbAsync(db => db.AuditEvents.Select(e => e.Type).ToListAsync()));
    }

    [Fact]
    public async Task Should_import_a_policy_pack_upload_and_show_json_path_errors()
    {
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (_, page) = await dpo.GetAsync("/Dpo/Register");

        var (_, bad) = await UploadAsync(dpo, page, PolicyPacks.Read("asap").Replace("\"P5Y\"", "\"five years\"", StringComparison.Ordinal));
        Assert.Contains("$.", Errors(bad), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Purposes.CountAsync()));

        var (_, good) = await UploadAsync(dpo, page, PolicyPacks.Read("asap"));
        Assert.Contains("asap", good.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.Purposes.CountAsync()) > 3);
    }

    private static async Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)> UploadAsync(HtmlSession session, AngleSharp.Html.Dom.IHtmlDocument page, string json)
    {
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "pack", "pack.json" },
        };
        var response = await session.Client.PostAsync(form.GetAttribute("action"), content);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response, document);
    }

    [Fact]
    public async Task Should_export_the_art_30_record_as_csv_with_formulas_neutralised()
    {
        await App.ImportPackAsync("asap");
        await App.WithDbAsync(async db =>
        {
            var purpose = await db.Purposes.OrderBy(p => p.SortOrder).FirstAsync();
            purpose.NameNl = "=HYPERLINK(\"http://evil.example\",\"klik\")";
            return await db.SaveChangesAsync();
        });
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        var response = await dpo.Client.GetAsync("/Dpo/Register?handler=Export");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("controller,dpo,purpose_code,purpose", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
    }
}
