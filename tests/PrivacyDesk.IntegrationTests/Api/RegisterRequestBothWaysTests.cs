using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// One RegisterRequest slice behind the staff page and the API: the same letter registered either way gives the
/// same request, sub-requests, audit trail and acknowledgement (DL-1, DL-4).
/// </summary>
public sealed partial class RegisterRequestBothWaysTests(AppFixture app) : ApiTest(app)
{
    [GeneratedRegex(@"PD-\d{4}-\d{6}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"token=[^\s&""<]+")]
    private static partial Regex StatusToken();

    [Fact]
    public async Task Should_register_the_same_rows_audit_and_mail_from_the_staff_page_and_the_API_DL4()
    {
        await App.ImportPackAsync("asap");
        using (var dpo = new HtmlSession(App))
        {
            await dpo.SignInAsync(Roles.Dpo);
            var (_, form) = await dpo.GetAsync("/Dpo/Requests/New");
            var (response, page) = await dpo.SubmitAsync(form, new Dictionary<string, string>
            {
                ["Data.Channel"] = "Post", ["Data.ReceivedOn"] = "2026-11-16", ["Data.Language"] = "fr",
                ["Data.Requester.FirstName"] = "Amélie", ["Data.Requester.LastName"] = "Dubois", ["Data.Requester.Email"] = "amelie@example.be",
                ["Data.Requester.Phone"] = "+32470123456", ["Data.Requester.DateOfBirth"] = "1990-04-12",
                ["Data.Types"] = "Erasure", ["Data.ContactConsent"] = "true", ["Data.Description"] = "Lettre du 14 novembre.",
            }, "main form[method=post]");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, Staff.StaffTestData.Errors(page));
        }
        var staff = await SnapshotAsync();

        await App.ResetAsync();
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Intake, "Mailroom");
        await ExpectAsync(await client.PostAsync("/api/v1/requests", Json("""
            { "types": ["Erasure"], "channel": "Post", "receivedOn": "2026-11-16", "language": "fr",
              "requester": { "firstName": "Amélie", "lastName": "Dubois", "email": "amelie@example.be",
                             "phone": "+32470123456", "dateOfBirth": "1990-04-12" },
              "description": "Lettre du 14 novembre." }
            """)), HttpStatusCode.Created);
        var api = await SnapshotAsync();

        Assert.Equal(staff.Request, api.Request);
        Assert.Equal(staff.SubRequests, api.SubRequests);
        Assert.Equal(staff.Audit, api.Audit);
        Assert.Equal(staff.Mail, api.Mail);
        Assert.Contains("request.receipt-flagged", api.Audit, StringComparison.Ordinal); // received a week before registration (DL-4)
        Assert.Contains("request-acknowledgement-registered", api.Mail, StringComparison.Ordinal);
    }

    private sealed record Snapshot(string Request, string SubRequests, string Audit, string Mail);

    /// <summary>Everything the registration stored, without what differs by nature (ids, reference number, status token, actor).</summary>
    private Task<Snapshot> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var r = await db.Requests.AsNoTracking().Include(x => x.SubRequests).SingleAsync();
        var request = string.Join(" | ", r.Status, r.Channel, r.ReceivedAt.ToUniversalTime().ToString("O"), r.ReceivedOn, r.ReceiptDateFlagged,
            r.Language, r.RequesterFirstName, r.RequesterLastName, r.RequesterEmail, r.RequesterPhone, r.RequesterDateOfBirth, r.ContactConsent,
            r.Description, r.IdentityStatus, r.DueOn, r.ConservativeDueOn, r.MaxExtendedDueOn, r.DueIsProvisional, r.DuplicateSuspected, r.WaitingReason);
        var subRequests = string.Join(" | ", r.SubRequests.OrderBy(s => s.Type).Select(s => $"{s.Type} {s.DetailsJson} {s.Outcome}"));
        var audit = string.Join(" | ", (await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == r.Id).OrderBy(e => e.Sequence).ToListAsync())
            .Select(e => $"{e.Type}: {Reference().Replace(e.Summary, "REF")} {e.Data}"));
        var mail = string.Join(" | ", (await db.Outbox.AsNoTracking().Where(o => o.RequestId == r.Id).OrderBy(o => o.CreatedAt).ToListAsync())
            .Select(o => $"{o.Template} {o.Language} {o.ToAddress} {Reference().Replace(o.Subject, "REF")} {StatusToken().Replace(Reference().Replace(o.BodyText, "REF"), "token=T")}"));
        return new Snapshot(request, subRequests, audit, mail);
    });
}
