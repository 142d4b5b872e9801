using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

public sealed class LegalHoldAndSweepApiTests(AppFixture app) : ApiTest(app)
{
    private static object Hold(string candidateId, bool allPurposes = true) => new
    {
        candidateId,
        allPurposes,
        purposeCodes = allPurposes ? Array.Empty<string>() : ["payroll"],
        reason = "Litigation",
        externalReference = "AR Gent 26/123",
        description = "Claim about overtime pay before the labour court",
        justification = allPurposes ? "The claim concerns the whole employment relationship." : null,
        endCondition = "Final judgment plus the appeal period",
        reviewOn = "2027-03-01",
    };

    private async Task<(HttpClient Dpo, string CandidateId)> CandidateAsync()
    {
        var admin = await ClientAsync(Roles.Admin, "Admin");
        await ExpectAsync(await admin.PostAsync("/api/v1/policy", Json(PrivacyDesk.Web.DemoData.PolicyPacks.Read("asap"))), HttpStatusCode.OK);
        var ats = await ClientAsync(Roles.Intake, "ATS");
        var candidate = await ExpectAsync(await ats.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        return (await ClientAsync(Roles.Dpo, "DPO"), (string)candidate["id"]!);
    }

    /// <summary>A hold on everything, then an approved, executed erasure: the hold keeps what would have been erased (LH-3).</summary>
    private async Task<(HttpClient Dpo, string CandidateId, string HoldId, int Held)> HeldErasureAsync()
    {
        var (dpo, candidateId) = await CandidateAsync();
        var hold = await ExpectAsync(await dpo.PostAsync("/api/v1/legal-holds", Json(Hold(candidateId))), HttpStatusCode.Created);
        var before = await App.CountRecordsAsync(Guid.Parse(candidateId));
        var ats = await ClientAsync(Roles.Intake);
        var request = await ExpectAsync(await ats.PostAsync("/api/v1/requests", Json(PostalErasure)), HttpStatusCode.Created);
        var id = (string)request["id"]!;
        await ExpectAsync(await dpo.PostAsync($"/api/v1/requests/{id}/identity",
            Json(new { action = "Verify", candidateId, method = "Signed letter", why = "Same name, date of birth and e-mail" })), HttpStatusCode.OK);
        var version = (uint)(await ExpectAsync(await dpo.GetAsync($"/api/v1/requests/{id}"), HttpStatusCode.OK))["version"]!;
        await ExpectAsync(await dpo.PostAsync($"/api/v1/requests/{id}/decision", Json(new { outcome = "Approved", version })), HttpStatusCode.OK);
        var backOffice = await ClientAsync(Roles.BackOffice);
        await ExpectAsync(await backOffice.PostAsync($"/api/v1/requests/{id}/execution", null), HttpStatusCode.OK);

        var held = await App.WithDbAsync(db => db.ErasureLedger.Where(l => l.CandidateId == Guid.Parse(candidateId) && l.Action == LedgerAction.DeferredByHold && l.RecordSet != "CandidateProfile").SumAsync(l => l.Count));
        Assert.True(held > 0, "the hold deferred nothing");
        Assert.Equal(before, await App.CountRecordsAsync(Guid.Parse(candidateId))); // LH-3: nothing erased while held
        return (dpo, candidateId, (string)hold["id"]!, held);
    }

    [Fact]
    public async Task Should_carry_out_held_erasures_as_soon_as_the_hold_is_lifted_through_the_api_LH7()
    {
        var (dpo, candidateId, holdId, _) = await HeldErasureAsync();
        var before = await App.CountRecordsAsync(Guid.Parse(candidateId));

        var lifted = await ExpectAsync(await dpo.DeleteAsync($"/api/v1/legal-holds/{holdId}?reason=" + Uri.EscapeDataString("Claim settled on 2026-11-20.")), HttpStatusCode.OK);

        Assert.False((bool)lifted["hold"]!["active"]!);
        Assert.Equal("Claim settled on 2026-11-20.", (string)lifted["hold"]!["liftReason"]!);
        Assert.True((bool)lifted["sweep"]!["ran"]!);
        Assert.Equal(candidateId, (string)lifted["sweep"]!["candidateId"]!);
        Assert.True((int)lifted["sweep"]!["total"]! > 0, lifted.ToJsonString());
        Assert.True(await App.CountRecordsAsync(Guid.Parse(candidateId)) < before, "the held records are still there");
        await App.WithDbAsync(async db =>
        {
            var cid = Guid.Parse(candidateId);
            // What the erasure would have removed at once is gone now (it had been deferred by the hold only).
            Assert.Equal(0, await db.Applications.IgnoreQueryFilters().CountAsync(r => r.CandidateId == cid));
            Assert.Equal(0, await db.CandidateDocuments.IgnoreQueryFilters().CountAsync(r => r.CandidateId == cid));
            Assert.Equal(0, await db.Photos.IgnoreQueryFilters().CountAsync(r => r.CandidateId == cid));
            // Re-applied once carried out: the records now; the rest of the minimal profile only on the day the plan
            // without the hold gave (here a statutory remainder keeps it later, LH-7, ER-7).
            var deferred = await db.ErasureLedger.Where(l => l.CandidateId == cid && l.Action == LedgerAction.DeferredByHold).ToListAsync();
            Assert.All(deferred.Where(l => l.RecordSet != "CandidateProfile"), l => Assert.NotNull(l.ReappliedAt));
            Assert.All(deferred.Where(l => l.RecordSet == "CandidateProfile"), l => Assert.Equal(l.DueOn is { } due && due <= new DateOnly(2026, 11, 23), l.ReappliedAt is not null));
            Assert.Contains(await db.ErasureLedger.Where(l => l.CandidateId == cid).Select(l => l.RuleCode).ToListAsync(), r => r == PrivacyDesk.Web.Features.Retention.RetentionSweep.ScheduledRule);
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Type == "retention.sweep" && e.CandidateId == cid));
            return 0;
        });
    }

    [Fact]
    public async Task Should_carry_out_held_erasures_when_the_hold_is_lifted_on_the_staff_page_too_LH7()
    {
        var (_, candidateId, holdId, _) = await HeldErasureAsync();
        var before = await App.CountRecordsAsync(Guid.Parse(candidateId));
        using var page = new HtmlSession(App);
        await page.SignInAsync(Roles.Dpo);
        var (_, details) = await page.GetAsync($"/Dpo/LegalHolds/Details?id={holdId}");

        var (lifted, _) = await page.SubmitAsync(details, new Dictionary<string, string> { ["Reason"] = "Claim settled on 2026-11-20." }, "form.lift-form");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.True(await App.CountRecordsAsync(Guid.Parse(candidateId)) < before, "the page's lift left the held records");
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "retention.sweep" && e.CandidateId == Guid.Parse(candidateId))));
    }

    [Fact]
    public async Task Should_place_list_read_and_lift_holds_with_problems_for_refusals_LH2_LH4()
    {
        var (dpo, candidateId) = await CandidateAsync();

        await ProblemAsync(await AnonymousClient().PostAsync("/api/v1/legal-holds", Json(Hold(candidateId))), HttpStatusCode.Unauthorized);
        var backOffice = await ClientAsync(Roles.BackOffice);
        await ProblemAsync(await backOffice.PostAsync("/api/v1/legal-holds", Json(Hold(candidateId))), HttpStatusCode.Forbidden);
        await ProblemAsync(await backOffice.GetAsync($"/api/v1/legal-holds?candidateId={candidateId}"), HttpStatusCode.Forbidden);
        await ProblemAsync(await dpo.PostAsync("/api/v1/legal-holds", Json(Hold(Guid.NewGuid().ToString()))), HttpStatusCode.NotFound);
        var invalid = await ProblemAsync(await dpo.PostAsync("/api/v1/legal-holds", Json(new { candidateId, allPurposes = true, reason = "Litigation" })), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "justification", "externalReference", "description", "endCondition", "reviewOn" })
            Assert.True(invalid["errors"]!.AsObject().ContainsKey(field), field + " in " + invalid.ToJsonString());
        var noReason = await ProblemAsync(await dpo.PostAsync("/api/v1/legal-holds", Json(new { candidateId, purposeCodes = new[] { "payroll" } })), HttpStatusCode.BadRequest);
        Assert.True(noReason["errors"]!.AsObject().ContainsKey("reason"));
        var unknownPurpose = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Hold(candidateId, allPurposes: false), PrivacyDesk.Web.Features.Api.ApiJson.Options))!;
        unknownPurpose["purposeCodes"] = new JsonArray("no-such-purpose");
        var lh2 = await ProblemAsync(await dpo.PostAsync("/api/v1/legal-holds", Json(unknownPurpose.ToJsonString())), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("LH-2", (string)lh2["ruleId"]!);

        var response = await dpo.SendAsync(Post("/api/v1/legal-holds", Json(Hold(candidateId, allPurposes: false)), "hold-1"));
        var placed = await ExpectAsync(response, HttpStatusCode.Created);
        var replay = await dpo.SendAsync(Post("/api/v1/legal-holds", Json(Hold(candidateId, allPurposes: false)), "hold-1"));
        Assert.True(JsonNode.DeepEquals(placed, await ExpectAsync(replay, HttpStatusCode.Created)));
        Assert.Equal(response.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, await App.WithDbAsync(db => db.LegalHolds.CountAsync()));
        var id = (string)placed["id"]!;
        Assert.Equal($"/api/v1/legal-holds/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches("^LH-\\d+$", (string)placed["reference"]!);
        Assert.Equal(["payroll"], placed["purposeCodes"]!.AsArray().Select(p => (string)p!).ToArray());
        Assert.Equal("api:DPO", (string)placed["placedBy"]!);

        var listed = await ExpectAsync(await dpo.GetAsync($"/api/v1/legal-holds?candidateId={candidateId}&active=true"), HttpStatusCode.OK);
        Assert.Equal(id, (string)Assert.Single(listed.AsArray())!["id"]!);
        Assert.Empty((await ExpectAsync(await dpo.GetAsync($"/api/v1/legal-holds?candidateId={Guid.NewGuid()}"), HttpStatusCode.OK)).AsArray());
        var badQuery = await ProblemAsync(await dpo.GetAsync("/api/v1/legal-holds?candidateId=x&active=maybe"), HttpStatusCode.BadRequest);
        Assert.True(badQuery["errors"]!.AsObject().ContainsKey("candidateId") && badQuery["errors"]!.AsObject().ContainsKey("active"));
        Assert.Equal(id, (string)(await ExpectAsync(await dpo.GetAsync($"/api/v1/legal-holds/{id}"), HttpStatusCode.OK))["id"]!);
        await ProblemAsync(await dpo.GetAsync($"/api/v1/legal-holds/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        // LH-7 (LH-4 for a colleague's key): a lift needs a reason; unknown hold 404; wrong role 403.
        var colleague = await ClientAsync(Roles.Dpo, "Colleague");
        var lh4 = await ProblemAsync(await colleague.DeleteAsync($"/api/v1/legal-holds/{id}"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("LH-7", (string)lh4["ruleId"]!);
        Assert.Equal("LH-7", (string)(await ProblemAsync(await dpo.DeleteAsync($"/api/v1/legal-holds/{id}"), HttpStatusCode.UnprocessableEntity))["ruleId"]!);
        await ProblemAsync(await backOffice.DeleteAsync($"/api/v1/legal-holds/{id}?reason=x"), HttpStatusCode.Forbidden);
        await ProblemAsync(await colleague.DeleteAsync($"/api/v1/legal-holds/{Guid.NewGuid()}?reason=x"), HttpStatusCode.NotFound);
        var tooLong = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/legal-holds/{id}") { Content = Json(new { reason = new string('x', 2001) }) };
        var tooLongProblem = await ProblemAsync(await colleague.SendAsync(tooLong), HttpStatusCode.BadRequest);
        Assert.True(tooLongProblem["errors"]!.AsObject().ContainsKey("reason"));

        var lift = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/legal-holds/{id}") { Content = Json(new { reason = "Claim settled on 2026-11-20." }) };
        var lifted = await ExpectAsync(await colleague.SendAsync(lift), HttpStatusCode.OK);
        Assert.Equal("api:Colleague", (string)lifted["hold"]!["liftedBy"]!);
        Assert.True((bool)lifted["sweep"]!["ran"]!);
        var twice = await ProblemAsync(await colleague.DeleteAsync($"/api/v1/legal-holds/{id}?reason=again"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("LH-7", (string)twice["ruleId"]!);
        Assert.Empty((await ExpectAsync(await dpo.GetAsync($"/api/v1/legal-holds?candidateId={candidateId}&active=true"), HttpStatusCode.OK)).AsArray());
        var types = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.LegalHoldId == Guid.Parse(id)).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());
        Assert.Equal(["hold.placed", "hold.lifted"], types);
    }

    [Fact]
    public async Task Should_run_the_retention_sweep_or_count_it_for_Dpo_and_Admin_keys()
    {
        var (dpo, candidateId) = await CandidateAsync();
        var admin = await ClientAsync(Roles.Admin);

        await ProblemAsync(await AnonymousClient().PostAsync("/api/v1/retention/sweep?dryRun=true", null), HttpStatusCode.Unauthorized);
        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.PostAsync("/api/v1/retention/sweep?dryRun=true", null), HttpStatusCode.Forbidden);
        var backOffice = await ClientAsync(Roles.BackOffice);
        await ProblemAsync(await backOffice.PostAsync("/api/v1/retention/sweep?dryRun=true", null), HttpStatusCode.Forbidden);
        var bad = await ProblemAsync(await dpo.PostAsync("/api/v1/retention/sweep?dryRun=maybe", null), HttpStatusCode.BadRequest);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("dryRun"));

        var before = await App.CountRecordsAsync(Guid.Parse(candidateId));
        var dry = await ExpectAsync(await dpo.SendAsync(Post("/api/v1/retention/sweep?dryRun=true", Json("{}"), "sweep-dry-1")), HttpStatusCode.OK);
        var replay = await dpo.SendAsync(Post("/api/v1/retention/sweep?dryRun=true", Json("{}"), "sweep-dry-1"));
        Assert.True(JsonNode.DeepEquals(dry, await ExpectAsync(replay, HttpStatusCode.OK)));
        Assert.True((bool)dry["dryRun"]!);
        Assert.True((bool)dry["ran"]!);
        Assert.Equal(before, await App.CountRecordsAsync(Guid.Parse(candidateId)));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "retention.sweep")));
        var expected = (int)dry["total"]!;

        var real = await ExpectAsync(await admin.PostAsync("/api/v1/retention/sweep", null), HttpStatusCode.OK);
        Assert.False((bool)real["dryRun"]!);
        Assert.Equal(expected, (int)real["total"]!);
        Assert.Equal(dry["lines"]!.AsArray().Count, real["lines"]!.AsArray().Count);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "retention.sweep")));
    }
}
