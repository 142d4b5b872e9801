using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>Builders for test data that goes through the real intake and the real register import.</summary>
public static class Scenario
{
    public static Task ImportPackAsync(this AppFixture app, string code) =>
        app.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read(code) }, Roles.Admin);

    /// <summary>A former worker with records in every record set (the demo generator's shape, one person).</summary>
    public static async Task<Candidate> AddCandidateAsync(this AppFixture app, Action<Candidate>? tweak = null, int seed = 7)
    {
        var today = PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(app.Clock.GetUtcNow());
        var candidate = DemoSeeder.GenerateCandidates(2, today, seed)[1];
        tweak?.Invoke(candidate);
        await app.WithDbAsync(async db =>
        {
            db.Candidates.Add(candidate);
            await db.SaveChangesAsync();
            return 0;
        });
        return candidate;
    }

    /// <summary>Registers a request through RequestIntake, optionally linked to a candidate with identity settled.</summary>
    public static async Task<DataSubjectRequest> AddRequestAsync(this AppFixture app, Candidate? candidate, params RequestType[] types)
    {
        DataSubjectRequest? created = null;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDeskDbContext>();
            var intake = sp.GetRequiredService<RequestIntake>();
            var requester = candidate is null
                ? new DataSubjectRequest.Requester("Nobody", "Known", "nobody@example.be", null, null)
                : new DataSubjectRequest.Requester(candidate.FirstName, candidate.LastName, candidate.Email!, candidate.Phone, candidate.DateOfBirth);
            var result = await intake.ReceiveAsync(new RequestIntake.Input(Channel.Web, null, "en", requester,
                types.Select(t => new DataSubjectRequest.SubRequestInput(t, null)).ToList(), null, true, null), "test", CancellationToken.None);
            var now = app.Clock.GetUtcNow();
            if (candidate is not null)
            {
                result.Request.LinkCandidate(candidate.Id, "test", now, "test");
                result.Request.EstablishIdentity("test", now, PrivacyDesk.Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), "test");
            }
            await db.SaveChangesAsync();
            created = result.Request;
        });
        return created!;
    }
}
