using System.Net;
using System.Text.Json.Nodes;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>Odd input gets a clear answer (a 400 with field errors, a 404), never a 500.</summary>
public sealed class OddInputTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_filter_the_audit_log_from_a_date_and_show_its_rows()
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Access);
        await App.SendAsync(new AddInternalNote.Command { RequestId = request.Id, Body = "Checked." }, Roles.Dpo);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        // The test clock is 23 November 2026: a Brussels date with a +01:00 offset, to a timestamptz parameter.
        var (sameDay, sameDayPage) = await dpo.GetAsync("/Dpo/Audit?From=2026-11-23&To=2026-11-23");
        var (nextDay, nextDayPage) = await dpo.GetAsync("/Dpo/Audit?From=2026-11-24");

        Assert.Equal(HttpStatusCode.OK, sameDay.StatusCode);
        Assert.Contains(sameDayPage.QuerySelectorAll("table.audit tbody tr"), r => r.TextContent.Contains("request.note", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.Empty(nextDayPage.QuerySelectorAll("table.audit tbody tr"));
    }

    [Fact]
    public async Task Should_refuse_an_api_description_longer_than_its_column_with_a_field_error()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["description"] = new string('x', 4001);

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["description"]);
        Assert.Equal(0, await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Requests)));

        body["description"] = new string('x', 4000);
        await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("/Dpo/Requests/Details?id={0}&handler=nope", Roles.Dpo)]
    [InlineData("/Dpo/Requests/Details?id=not-a-guid", Roles.Dpo)]
    [InlineData("/Dpo/Requests/Details?id={0}x", Roles.Dpo)]
    [InlineData("/BackOffice/Cases/Details?id={0}&handler=nope", Roles.BackOffice)]
    [InlineData("/BackOffice/Cases/Details?id=not-a-guid", Roles.BackOffice)]
    [InlineData("/BackOffice/Cases/Close?id=not-a-guid", Roles.BackOffice)]
    public async Task Should_answer_an_unknown_handler_or_a_malformed_id_on_staff_case_pages_with_404(string url, string role)
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Access);
        using var staff = new HtmlSession(App);
        await staff.SignInAsync(role);

        var (response, _) = await staff.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, request.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Should_answer_the_error_page_opened_directly_with_404_not_500()
    {
        var (response, page) = await new HtmlSession(App).GetAsync("/Error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("h1"));
    }
}

/// <summary>An upload over the form limit is answered "too large", not "invalid characters".</summary>
public sealed class OversizedUploadTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_say_the_file_is_too_large_for_a_13_mb_upload()
    {
        using var session = new HtmlSession(App);
        var (_, find) = await session.GetAsync("/Requests/Find");
        var token = find.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Hier is mijn document."), "Data.Answer" },
            { new ByteArrayContent(new byte[13 * 1024 * 1024]), "Data.Proof", "identiteitskaart.pdf" },
        };

        var response = await session.Client.PostAsync("/Requests/Status?handler=Answer&r=PD-2026-000001&t=x", form);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("te groot", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Wij konden niet lezen", text, StringComparison.Ordinal);
    }
}
