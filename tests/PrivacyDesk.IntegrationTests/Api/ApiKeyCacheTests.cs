using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>Verified API keys are cached for 30 s (performance); revocation must still hold.</summary>
public sealed class ApiKeyCacheTests(AppFixture app) : ApiTest(app)
{
    private ApiKeyCache Cache => App.Factory.Services.GetRequiredService<ApiKeyCache>();

    [Fact]
    public async Task Should_answer_a_cached_key_without_reading_it_again_and_refuse_it_as_soon_as_it_is_revoked()
    {
        var created = await App.SendAsync(new CreateApiKey.Command { Name = "ATS", Role = Roles.Intake }, Roles.Admin);
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        await ExpectAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.OK);
        Assert.NotNull(Cache.Find(ApiKeyAuthenticationHandler.Hash(created.Key)));

        await App.SendAsync(new RevokeApiKey.Command { ApiKeyId = created.Id }, Roles.Admin);

        Assert.Null(Cache.Find(ApiKeyAuthenticationHandler.Hash(created.Key)));
        await ProblemAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Should_honour_a_revocation_made_elsewhere_once_the_cache_entry_is_30_seconds_old()
    {
        var created = await App.SendAsync(new CreateApiKey.Command { Name = "Payroll", Role = Roles.Intake }, Roles.Admin);
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        await ExpectAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.OK);

        // Another instance revokes it: this one does not hear of it and trusts its cache for at most 30 s.
        await App.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, App.Clock.GetUtcNow())));
        App.Clock.Now = App.Clock.Now.AddSeconds(10);
        await ExpectAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.OK);
        App.Clock.Now = App.Clock.Now.AddSeconds(21);

        await ProblemAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Should_never_cache_a_wrong_key()
    {
        var created = await App.SendAsync(new CreateApiKey.Command { Name = "Ats2", Role = Roles.Intake }, Roles.Admin);
        var forged = created.Key[..^4] + (created.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", forged);

        await ProblemAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.Unauthorized);

        Assert.Null(Cache.Find(ApiKeyAuthenticationHandler.Hash(forged)));
    }
}
