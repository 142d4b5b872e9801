using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

internal static class StaffTestData
{
    /// <summary>A request registered by staff for the candidate's contact data, not yet linked or verified.</summary>
    public static async Task<Guid> UnlinkedRequestAsync(AppFixture app, Candidate candidate, string language = "en", params RequestType[] types)
    {
        var result = await app.SendAsync(new RegisterRequest.Command
        {
            Channel = Channel.Email,
            ReceivedOn = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(app.Clock.GetUtcNow()),
            Language = language,
            Requester = new() { FirstName = candidate.FirstName, LastName = candidate.LastName, Email = candidate.Email ?? "", DateOfBirth = candidate.DateOfBirth },
            Types = types.Length == 0 ? [RequestType.Access] : [.. types],
        }, Roles.Dpo);
        await app.WithDbAsync(db => db.Outbox.Where(o => o.RequestId == result.Id).ExecuteDeleteAsync());
        return result.Id;
    }

    public static Task<DataSubjectRequest> LoadAsync(AppFixture app, Guid id) =>
        app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.WaitingPeriods).FirstAsync(r => r.Id == id));

    public static Task<List<(string Template, string Language, string To, string Body)>> OutboxAsync(AppFixture app, Guid requestId) =>
        app.WithDbAsync(async db => (await db.Outbox.AsNoTracking().Where(o => o.RequestId == requestId).OrderBy(o => o.CreatedAt).ToListAsync())
            .Select(o => (o.Template, o.Language, o.ToAddress, o.BodyText)).ToList());

    public static Task<List<string>> EventTypesAsync(AppFixture app, Guid requestId) =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RequestId == requestId).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());

    public static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".error-summary li, .pack-errors li").Select(e => e.TextContent.Trim()));
}
