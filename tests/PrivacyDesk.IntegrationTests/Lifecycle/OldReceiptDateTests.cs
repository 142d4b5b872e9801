using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>
/// DL-4, one rule on every path: a receipt date more than a year old (an agency importing last year's mailbox) is
/// accepted and flagged for the DPO through the staff command, the API and the command line alike.
/// </summary>
public sealed class OldReceiptDateTests(AppFixture app) : ApiTest(app)
{
    private const string Body = """
        {
          "types": ["Access"], "channel": "Email", "receivedAt": "2025-09-15T10:00:00+02:00", "language": "nl",
          "requester": { "firstName": "Jef", "lastName": "Claes", "email": "jef.claes@example.be" },
          "description": "Found in last year's mailbox"
        }
        """;

    [Fact]
    public async Task Should_accept_and_flag_a_receipt_date_over_a_year_old_through_the_API_DL4()
    {
        var client = await ClientAsync(Roles.Intake, "Mailbox import");

        var created = await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(Body)), HttpStatusCode.Created);

        Assert.Equal("2025-09-15", (string)created["receivedOn"]!);
        Assert.True((bool)created["receiptDateFlagged"]!);
        var stored = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.True(stored.ReceiptDateFlagged);
        Assert.Contains(await App.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == stored.Id).Select(e => e.Type).ToListAsync()),
            t => t == "request.receipt-flagged");
    }

    [Fact]
    public async Task Should_accept_and_flag_a_receipt_date_over_a_year_old_on_the_staff_path_DL4()
    {
        var result = await App.SendAsync(new RegisterRequest.Command
        {
            Channel = Channel.Post, ReceivedOn = new DateOnly(2025, 9, 15), Language = "fr", Requester = new() { FirstName = "Jef", LastName = "Claes" },
            Types = [RequestType.Access],
        }, Roles.Dpo);

        Assert.True(result.ReceiptDateFlagged);
    }

    [Fact]
    public async Task Should_accept_and_flag_a_receipt_date_over_a_year_old_from_the_command_line_DL4()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dl4-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Body);
        var output = new StringWriter();
        var exit = -1;
        try
        {
            await App.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<CurrentUser>().ActAsSystem("cli", Roles.Dpo, Roles.Admin, Roles.BackOffice);
                exit = await RequestsCliModule.RegisterAsync(sp, [file], output);
            });
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(0, exit);
        Assert.Contains("received on 2025-09-15", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("flagged for the DPO (DL-4)", output.ToString(), StringComparison.Ordinal);
        var stored = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync());
        Assert.True(stored.ReceiptDateFlagged);
        Assert.Equal("cli", await App.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == stored.Id && e.Type == "request.received").Select(e => e.Actor).SingleAsync()));
    }
}
