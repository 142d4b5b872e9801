using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

public sealed class AuditAndDashboardTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_filter_the_audit_log_by_request_user_and_type()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var first = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.AddRequestAsync(null, RequestType.Erasure);
        await App.SendAsync(new AddInternalNote.Command { RequestId = first.Id, Body = "Checked." }, Roles.Dpo);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        var (_, byRequest) = await dpo.GetAsync($"/Dpo/Audit?Reference={first.Reference}");
        var rows = byRequest.QuerySelectorAll("table.audit tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(first.Reference, r.TextContent, StringComparison.Ordinal));

        var (_, byUser) = await dpo.GetAsync("/Dpo/Audit?Actor=test-dpo&Type=request.note");
        var note = Assert.Single(byUser.QuerySelectorAll("table.audit tbody tr"));
        Assert.Contains("test-dpo", note.TextContent, StringComparison.Ordinal);

        var (futureResponse, future) = await dpo.GetAsync("/Dpo/Audit?From=2030-01-01");
        Assert.Equal(System.Net.HttpStatusCode.OK, futureResponse.StatusCode); // the error page has no rows either
        Assert.Empty(future.QuerySelectorAll("table.audit tbody tr"));
    }

    [Fact]
    public async Task Should_chart_open_requests_with_their_numbers_as_tables()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var extended = await App.AddRequestAsync(candidate, RequestType.Access);
        await App.AddRequestAsync(null, RequestType.Erasure, RequestType.Objection);
        await App.SendAsync(new ExtendRequest.Command
        {
            RequestId = extended.Id, ReasonCode = "several-rights", ReasonDetails = "x", NewDueOn = extended.MaxExtendedDueOn,
        }, Roles.Dpo);
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);

        var (_, page) = await dpo.GetAsync("/Dpo/Dashboard");

        Assert.Equal("2", page.QuerySelector(".kpi .kpi-value")!.TextContent.Trim());
        Assert.Contains("50%", page.QuerySelectorAll(".kpi-value").Last().TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelectorAll("figure.chart svg").Length >= 3);
        Assert.True(page.QuerySelectorAll("figure.chart table.chart-table").Length >= 3);
        Assert.Null(page.QuerySelector("[style]"));
    }
}
