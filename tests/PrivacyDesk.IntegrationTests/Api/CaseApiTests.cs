using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>The DPO's and the back office's work on a request through /api/v1 only.</summary>
public sealed class CaseApiTests(AppFixture app) : ApiTest(app)
{
    internal sealed record Case(HttpClient Dpo, HttpClient BackOffice, string RequestId, string CandidateId);

    /// <summary>Register (policy, ATS push, postal erasure) through the API; identity verified when asked.</summary>
    private async Task<Case> RegisteredAsync(bool verify = true, string types = "\"Erasure\"")
    {
        var admin = await ClientAsync(Roles.Admin, "Admin");
        await ExpectAsync(await admin.PostAsync("/api/v1/policy", Json(PolicyPacksJson("asap"))), HttpStatusCode.OK);
        var ats = await ClientAsync(Roles.Intake, "ATS");
        var candidate = await ExpectAsync(await ats.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        var body = JsonNode.Parse(PostalErasure)!;
        body["types"] = JsonNode.Parse($"[{types}]");
        var request = await ExpectAsync(await ats.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);
        var dpo = await ClientAsync(Roles.Dpo, "DPO");
        var backOffice = await ClientAsync(Roles.BackOffice, "BackOffice");
        var c = new Case(dpo, backOffice, (string)request["id"]!, (string)candidate["id"]!);
        if (verify)
            await ExpectAsync(await dpo.PostAsync($"/api/v1/requests/{c.RequestId}/identity", Json(Verify(c.CandidateId))), HttpStatusCode.OK);
        return c;
    }

    private static string PolicyPacksJson(string code) => PrivacyDesk.Web.DemoData.PolicyPacks.Read(code);

    private static object Verify(string candidateId, uint? version = null) => new
    {
        action = "Verify", candidateId, method = "Signed letter; name, date of birth and address match", why = "Same name, date of birth, e-mail and phone", version,
    };

    private static async Task<(uint Version, string ETag)> VersionAsync(HttpClient client, string requestId)
    {
        var response = await client.GetAsync($"/api/v1/requests/{requestId}");
        var body = await ExpectAsync(response, HttpStatusCode.OK);
        var etag = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag");
        return ((uint)body["version"]!, etag);
    }

    private static async Task<JsonNode> ApproveAsync(Case c)
    {
        var (version, _) = await VersionAsync(c.Dpo, c.RequestId);
        return await ExpectAsync(await c.Dpo.PostAsync($"/api/v1/requests/{c.RequestId}/decision", Json(new { outcome = "Approved", version })), HttpStatusCode.OK);
    }

    private Task<int> CountRecordsAsync(string candidateId) => App.CountRecordsAsync(Guid.Parse(candidateId));

    private Task<List<string>> TemplatesAsync() => App.WithDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => m.Template).ToListAsync());

    [Fact]
    public async Task Should_walk_a_postal_erasure_from_intake_to_close_through_the_api_only()
    {
        var c = await RegisteredAsync(verify: false);
        var before = await CountRecordsAsync(c.CandidateId);
        Assert.Equal(10, before);

        // Identity (ID-4): linked to the pushed candidate.
        var identity = await ExpectAsync(await c.Dpo.PostAsync($"/api/v1/requests/{c.RequestId}/identity", Json(Verify(c.CandidateId))), HttpStatusCode.OK);
        Assert.Equal("Verified", (string)identity["identityStatus"]!);
        // The plan: what happens to each purpose and record set.
        var plan = await ExpectAsync(await c.Dpo.GetAsync($"/api/v1/requests/{c.RequestId}/plan"), HttpStatusCode.OK);
        Assert.Equal("Erasure", (string)plan["subRequests"]![0]!["type"]!);
        // Decision on the version read (If-Match with the ETag).
        var (_, etag) = await VersionAsync(c.Dpo, c.RequestId);
        var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/requests/{c.RequestId}/decision") { Content = Json(new { outcome = "Approved" }) };
        decide.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        var decidedResponse = await c.Dpo.SendAsync(decide);
        var decided = await ExpectAsync(decidedResponse, HttpStatusCode.OK);
        Assert.Equal("Approved", (string)decided["status"]!);
        Assert.NotEqual(etag, decidedResponse.Headers.ETag?.ToString());
        // Execution by the back office: records erased or restricted, tasks created; the request completes once they are finished (ER-10).
        var executed = await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{c.RequestId}/execution", null), HttpStatusCode.OK);
        // ER-10: carried out, but not complete while its Art. 19 tasks are open.
        Assert.Equal("InExecution", (string)executed["status"]!);
        Assert.False((bool)executed["alreadyDone"]!);
        var tasks = executed["tasks"]!.AsArray();
        Assert.Contains(tasks, t => (string)t!["kind"]! == "SendFinalAnswer");
        Assert.Contains(tasks, t => (string)t!["kind"]! == "NotifyRecipient" && ((string)t["title"]!).Contains("Logistiek Gent NV", StringComparison.Ordinal));
        // Close before the answer: refused (CLK-RESP) — or by the open tasks first.
        await ProblemAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{c.RequestId}/close", null), HttpStatusCode.UnprocessableEntity);
        foreach (var task in tasks.Where(t => (string)t!["kind"]! != "SendFinalAnswer"))
        {
            var done = await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/tasks/{task!["id"]}/finish", Json(new { status = "Done", note = "Sent." })), HttpStatusCode.OK);
            Assert.Equal("Done", (string)done["status"]!);
            Assert.Equal("api:BackOffice", (string)done["doneBy"]!);
        }
        var answer = await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{c.RequestId}/final-answer", null), HttpStatusCode.OK);
        Assert.StartsWith("final-answer-", (string)answer["template"]!, StringComparison.Ordinal);
        Assert.NotNull(answer["request"]!["finalAnswerSentAt"]);
        var closed = await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{c.RequestId}/close", null), HttpStatusCode.OK);
        Assert.Equal("Closed", (string)closed["status"]!);
        Assert.NotNull(closed["closedAt"]);

        Assert.True(await CountRecordsAsync(c.CandidateId) < before);
        var templates = await TemplatesAsync();
        Assert.Equal("request-acknowledgement-registered", templates[0]);
        Assert.Contains("staff-approved", templates);
        Assert.Contains((string)answer["template"]!, templates);
        var actors = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RequestId == Guid.Parse(c.RequestId)).Select(e => e.Actor).Distinct().ToListAsync());
        Assert.Contains("api:DPO", actors);
        Assert.Contains("api:BackOffice", actors);
        var read = await ExpectAsync(await c.Dpo.GetAsync($"/api/v1/requests/{c.RequestId}"), HttpStatusCode.OK);
        Assert.Equal("Closed", (string)read["status"]!);
    }

    [Fact]
    public async Task Should_ask_for_proof_or_record_no_data_and_refuse_bad_identity_calls_ID1()
    {
        var c = await RegisteredAsync(verify: false);
        var url = $"/api/v1/requests/{c.RequestId}/identity";

        await ProblemAsync(await AnonymousClient().PostAsync(url, Json(Verify(c.CandidateId))), HttpStatusCode.Unauthorized);
        await ProblemAsync(await c.BackOffice.PostAsync(url, Json(Verify(c.CandidateId))), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.Dpo.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/identity", Json(Verify(c.CandidateId))), HttpStatusCode.NotFound);
        await ProblemAsync(await c.Dpo.PostAsync(url, Json(Verify(Guid.NewGuid().ToString()))), HttpStatusCode.NotFound);
        var noAction = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { candidateId = c.CandidateId })), HttpStatusCode.BadRequest);
        Assert.True(noAction["errors"]!.AsObject().ContainsKey("action"), noAction.ToJsonString());
        var noWhy = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { action = "AskForInformation", reason = "Identity", message = "Send a copy of your ID card." })), HttpStatusCode.BadRequest);
        Assert.Contains("ID-1", (string)noWhy["errors"]!["why"]![0]!, StringComparison.Ordinal);
        var (version, _) = await VersionAsync(c.Dpo, c.RequestId);
        var stale = await ProblemAsync(await c.Dpo.PostAsync(url, Json(Verify(c.CandidateId, version + 1))), HttpStatusCode.Conflict);
        Assert.Equal("conflict", (string)stale["code"]!);

        var ask = new { action = "AskForInformation", reason = "Identity", why = "The letter's signature differs from the one on file.", message = "Please send a copy of your ID card.", necessary = true, version };
        var first = await c.Dpo.SendAsync(Post(url, Json(ask), "ask-1"));
        var asked = await ExpectAsync(first, HttpStatusCode.OK);
        var replay = await c.Dpo.SendAsync(Post(url, Json(ask), "ask-1"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.True(JsonNode.DeepEquals(asked, await ExpectAsync(replay, HttpStatusCode.OK)));
        Assert.Equal("AwaitingDataSubject", (string)asked["status"]!);
        Assert.Equal("Identity", (string)asked["waitingReason"]!);
        Assert.Equal(1, (await TemplatesAsync()).Count(t => t == "lifecycle-question"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<WaitingPeriod>().CountAsync()));
    }

    [Fact]
    public async Task Should_record_that_no_data_are_held()
    {
        var c = await RegisteredAsync(verify: false);

        var body = await ExpectAsync(await c.Dpo.PostAsync($"/api/v1/requests/{c.RequestId}/identity", Json(new { action = "NoDataHeld" })), HttpStatusCode.OK);

        Assert.Equal("NoDataHeld", (string)body["identityStatus"]!);
        Assert.Contains("staff-no-data", await TemplatesAsync());
    }

    [Fact]
    public async Task Should_decide_only_on_the_current_version_and_refuse_bad_decisions()
    {
        var c = await RegisteredAsync(verify: false);
        var url = $"/api/v1/requests/{c.RequestId}/decision";
        var (version, etag) = await VersionAsync(c.Dpo, c.RequestId);
        Assert.Equal($"\"{version}\"", etag);

        await ProblemAsync(await AnonymousClient().PostAsync(url, Json(new { outcome = "Approved", version })), HttpStatusCode.Unauthorized);
        await ProblemAsync(await c.BackOffice.PostAsync(url, Json(new { outcome = "Approved", version })), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.Dpo.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/decision", Json(new { outcome = "Approved", version })), HttpStatusCode.NotFound);
        var noVersion = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { outcome = "Approved" })), (HttpStatusCode)428);
        Assert.Equal("version-required", (string)noVersion["code"]!);
        var noOutcome = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { version })), HttpStatusCode.BadRequest);
        Assert.True(noOutcome["errors"]!.AsObject().ContainsKey("outcome"));
        var noReason = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { outcome = "Refused", version })), HttpStatusCode.BadRequest);
        Assert.Contains("N1", (string)noReason["errors"]!["reasonCode"]![0]!, StringComparison.Ordinal);
        // ID-1: identity must be settled before an approval.
        var unsettled = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { outcome = "Approved", version })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ID-1", (string)unsettled["ruleId"]!);

        // Someone changes the request after we read it: our decision on the old version is refused, nothing saved.
        await ExpectAsync(await c.Dpo.PostAsync($"/api/v1/requests/{c.RequestId}/identity", Json(Verify(c.CandidateId))), HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(new { outcome = "Approved" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var conflict = await ProblemAsync(await c.Dpo.SendAsync(stale), HttpStatusCode.Conflict);
        Assert.Equal("conflict", (string)conflict["code"]!);
        Assert.Null(await App.WithDbAsync(db => db.Requests.Select(r => r.Outcome).SingleAsync()));

        var (current, _) = await VersionAsync(c.Dpo, c.RequestId);
        var refusal = new { outcome = "Refused", reasonCode = "manifestly-unfounded", reasonDetails = "The same request was answered last week.", version = current };
        var first = await ExpectAsync(await c.Dpo.SendAsync(Post(url, Json(refusal), "decide-1")), HttpStatusCode.OK);
        var replay = await c.Dpo.SendAsync(Post(url, Json(refusal), "decide-1"));
        Assert.True(JsonNode.DeepEquals(first, await ExpectAsync(replay, HttpStatusCode.OK)));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("Refused", (string)first["status"]!);
        Assert.Equal(1, (await TemplatesAsync()).Count(t => t == "staff-refusal"));
        Assert.NotEqual(current, (uint)first["version"]!);
    }

    [Fact]
    public async Task Should_extend_once_before_the_due_date_and_refuse_with_the_rule_EXT2_EXT5()
    {
        var c = await RegisteredAsync();
        var url = $"/api/v1/requests/{c.RequestId}/extension";
        var extension = new { reasonCode = "hard-to-retrieve", reasonDetails = "Part of your data is in paper archives.", newDueOn = "2027-02-16" };

        await ProblemAsync(await AnonymousClient().PostAsync(url, Json(extension)), HttpStatusCode.Unauthorized);
        await ProblemAsync(await c.BackOffice.PostAsync(url, Json(extension)), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.Dpo.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/extension", Json(extension)), HttpStatusCode.NotFound);
        var invalid = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { reasonCode = "because", reasonDetails = "", newDueOn = (string?)null })), HttpStatusCode.BadRequest);
        // newDueOn may be omitted (it defaults to maxExtendedDueOn, EXT-3); the reason may not.
        foreach (var field in new[] { "reasonCode", "reasonDetails" })
            Assert.True(invalid["errors"]!.AsObject().ContainsKey(field), field + " in " + invalid.ToJsonString());
        var (version, _) = await VersionAsync(c.Dpo, c.RequestId);
        await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { extension.reasonCode, extension.reasonDetails, extension.newDueOn, version = version + 7 })), HttpStatusCode.Conflict);
        // EXT-3: beyond the maximum.
        var tooFar = await ProblemAsync(await c.Dpo.PostAsync(url, Json(new { extension.reasonCode, extension.reasonDetails, newDueOn = "2027-06-30" })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("EXT-3", (string)tooFar["ruleId"]!);

        var first = await ExpectAsync(await c.Dpo.SendAsync(Post(url, Json(extension), "extend-1")), HttpStatusCode.OK);
        var replay = await c.Dpo.SendAsync(Post(url, Json(extension), "extend-1"));
        Assert.True(JsonNode.DeepEquals(first, await ExpectAsync(replay, HttpStatusCode.OK)));
        Assert.Equal("2027-02-16", (string)first["extendedDueOn"]!);
        Assert.Equal(1, (await TemplatesAsync()).Count(t => t == "staff-extension-notice"));

        // EXT-5: only once.
        var twice = await ProblemAsync(await c.Dpo.PostAsync(url, Json(extension)), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("EXT-5", (string)twice["ruleId"]!);
    }

    [Fact]
    public async Task Should_refuse_an_extension_after_the_due_date_EXT2()
    {
        var c = await RegisteredAsync();
        App.Clock.Advance(TimeSpan.FromDays(30)); // due 2026-12-16; now 2026-12-23

        var late = await ProblemAsync(await c.Dpo.PostAsync($"/api/v1/requests/{c.RequestId}/extension",
            Json(new { reasonCode = "hard-to-retrieve", reasonDetails = "Archives.", newDueOn = "2027-02-16" })), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("EXT-2", (string)late["ruleId"]!);
        Assert.Null(await App.WithDbAsync(db => db.Requests.Select(r => r.ExtendedDueOn).SingleAsync()));
    }

    [Fact]
    public async Task Should_execute_once_and_replay_or_report_already_done()
    {
        var c = await RegisteredAsync();
        var url = $"/api/v1/requests/{c.RequestId}/execution";

        await ProblemAsync(await AnonymousClient().PostAsync(url, null), HttpStatusCode.Unauthorized);
        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.PostAsync(url, null), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/execution", null), HttpStatusCode.NotFound);
        // Not approved yet: a rule refusal, and the key is free again afterwards.
        var notApproved = await ProblemAsync(await c.BackOffice.SendAsync(Post(url, Json("{}"), "exec-1")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("execution.state", (string)notApproved["code"]!);
        await ApproveAsync(c);

        var first = await ExpectAsync(await c.BackOffice.SendAsync(Post(url, Json("{}"), "exec-1")), HttpStatusCode.OK);
        var records = await CountRecordsAsync(c.CandidateId);
        var replay = await c.BackOffice.SendAsync(Post(url, Json("{}"), "exec-1"));
        Assert.True(JsonNode.DeepEquals(first, await ExpectAsync(replay, HttpStatusCode.OK)));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var again = await ExpectAsync(await c.BackOffice.PostAsync(url, null), HttpStatusCode.OK);

        Assert.Equal("InExecution", (string)first["status"]!); // ER-10: completes when its tasks are finished
        Assert.True((int)first["stepsRun"]! >= 1);
        Assert.True((bool)again["alreadyDone"]!);
        Assert.Equal(0, (int)again["stepsRun"]!);
        Assert.Equal(records, await CountRecordsAsync(c.CandidateId));
        Assert.Equal(first["tasks"]!.AsArray().Count, await App.WithDbAsync(db => db.Tasks.CountAsync()));
    }

    [Fact]
    public async Task Should_send_the_final_answer_once_and_close_only_when_answered_and_tasks_done()
    {
        var c = await RegisteredAsync();
        var answerUrl = $"/api/v1/requests/{c.RequestId}/final-answer";
        var closeUrl = $"/api/v1/requests/{c.RequestId}/close";

        await ProblemAsync(await AnonymousClient().PostAsync(answerUrl, null), HttpStatusCode.Unauthorized);
        await ProblemAsync(await AnonymousClient().PostAsync(closeUrl, null), HttpStatusCode.Unauthorized);
        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.PostAsync(answerUrl, null), HttpStatusCode.Forbidden);
        await ProblemAsync(await intake.PostAsync(closeUrl, null), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/final-answer", null), HttpStatusCode.NotFound);
        await ProblemAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{Guid.NewGuid()}/close", null), HttpStatusCode.NotFound);
        // ER-10: the final answer follows the completed work; CLK-RESP: no close without it.
        var early = await ProblemAsync(await c.BackOffice.PostAsync(answerUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ER-10", (string)early["ruleId"]!);
        var unanswered = await ProblemAsync(await c.BackOffice.PostAsync(closeUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("close.state", (string)unanswered["code"]!);

        await ApproveAsync(c);
        var executed = await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/requests/{c.RequestId}/execution", null), HttpStatusCode.OK);
        // ER-10: the answer states what was done, so it waits for the Art. 19 tasks.
        var notYet = await ProblemAsync(await c.BackOffice.PostAsync(answerUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ER-10", (string)notYet["ruleId"]!);

        // Art. 19 tasks still open: no close either.
        var open = executed["tasks"]!.AsArray().Where(t => (string)t!["kind"]! != "SendFinalAnswer").ToList();
        Assert.NotEmpty(open);
        var blocked = await ProblemAsync(await c.BackOffice.PostAsync(closeUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("close.open-tasks", (string)blocked["code"]!);

        var taskUrl = $"/api/v1/tasks/{open[0]!["id"]}/finish";
        await ProblemAsync(await intake.PostAsync(taskUrl, Json(new { status = "Done" })), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.BackOffice.PostAsync($"/api/v1/tasks/{Guid.NewGuid()}/finish", Json(new { status = "Done" })), HttpStatusCode.NotFound);
        var noNote = await ProblemAsync(await c.BackOffice.PostAsync(taskUrl, Json(new { status = "NotPossible" })), HttpStatusCode.BadRequest);
        Assert.True(noNote["errors"]!.AsObject().ContainsKey("note"));
        var finish = new { status = "NotPossible", note = "The client company went bankrupt; no contact left." };
        var finished = await ExpectAsync(await c.BackOffice.SendAsync(Post(taskUrl, Json(finish), "task-1")), HttpStatusCode.OK);
        var finishReplay = await c.BackOffice.SendAsync(Post(taskUrl, Json(finish), "task-1"));
        Assert.True(JsonNode.DeepEquals(finished, await ExpectAsync(finishReplay, HttpStatusCode.OK)));
        Assert.Equal("NotPossible", (string)finished["status"]!);
        var doneTwice = await ProblemAsync(await c.BackOffice.PostAsync(taskUrl, Json(new { status = "Done" })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("task.done", (string)doneTwice["code"]!);
        foreach (var task in open.Skip(1))
            await ExpectAsync(await c.BackOffice.PostAsync($"/api/v1/tasks/{task!["id"]}/finish", Json(new { status = "Done" })), HttpStatusCode.OK);
        var first = await ExpectAsync(await c.BackOffice.SendAsync(Post(answerUrl, Json("{}"), "answer-1")), HttpStatusCode.OK);
        var replay = await c.BackOffice.SendAsync(Post(answerUrl, Json("{}"), "answer-1"));
        Assert.True(JsonNode.DeepEquals(first, await ExpectAsync(replay, HttpStatusCode.OK)));
        var twice = await ProblemAsync(await c.BackOffice.PostAsync(answerUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("answer.sent", (string)twice["code"]!);
        Assert.Equal(1, (await TemplatesAsync()).Count(t => t.StartsWith("final-answer-", StringComparison.Ordinal)));
        var listed = await ExpectAsync(await c.Dpo.GetAsync($"/api/v1/requests/{c.RequestId}/tasks"), HttpStatusCode.OK);
        Assert.All(listed.AsArray(), t => Assert.NotEqual("Open", (string)t!["status"]!));

        var closed = await ExpectAsync(await c.BackOffice.SendAsync(Post(closeUrl, Json("{}"), "close-1")), HttpStatusCode.OK);
        var closeReplay = await c.BackOffice.SendAsync(Post(closeUrl, Json("{}"), "close-1"));
        Assert.True(JsonNode.DeepEquals(closed, await ExpectAsync(closeReplay, HttpStatusCode.OK)));
        Assert.Equal("Closed", (string)closed["status"]!);
        var closedBy = await App.WithDbAsync(db => db.Requests.Select(r => r.ClosedBy).SingleAsync());
        Assert.Equal("api:BackOffice", closedBy);
        var closedTwice = await ProblemAsync(await c.BackOffice.PostAsync(closeUrl, null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("close.state", (string)closedTwice["code"]!);
    }

    [Fact]
    public async Task Should_build_and_serve_the_access_package_of_an_approved_request_ACC5()
    {
        var c = await RegisteredAsync(types: "\"Access\"");
        var url = $"/api/v1/requests/{c.RequestId}/package";

        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.GetAsync(url), HttpStatusCode.Forbidden);
        await ProblemAsync(await AnonymousClient().GetAsync(url), HttpStatusCode.Unauthorized);
        Assert.Equal("not-found", (string)(await ProblemAsync(await c.BackOffice.GetAsync($"/api/v1/requests/{Guid.NewGuid()}/package"), HttpStatusCode.NotFound))["code"]!);
        // Not approved yet: nothing to build.
        var early = await ProblemAsync(await c.BackOffice.GetAsync(url), HttpStatusCode.NotFound);
        Assert.Equal("package-not-available", (string)early["code"]!);
        Assert.Equal(0, await App.WithDbAsync(db => db.Packages.CountAsync()));

        await ApproveAsync(c);
        // ACC-6: e-mails imported through the API are not reviewed yet; the package waits for their extracts.
        var unreviewed = await ProblemAsync(await c.BackOffice.GetAsync(url), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ACC-6", (string)unreviewed["ruleId"]!);
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE professional_emails SET redacted_extract = 'Reviewed extract.' WHERE candidate_id = {Guid.Parse(c.CandidateId)}"));
        var first = await ExpectAsync(await c.BackOffice.GetAsync(url), HttpStatusCode.OK);
        var second = await ExpectAsync(await c.Dpo.GetAsync(url), HttpStatusCode.OK);

        var package = Assert.Single(first["packages"]!.AsArray())!;
        Assert.Equal("AccessReport", (string)package["kind"]!);
        Assert.Equal((string)package["id"]!, (string)second["packages"]![0]!["id"]!);
        Assert.Equal(1, await App.WithDbAsync(db => db.Packages.CountAsync()));
        Assert.True(DateTimeOffset.Parse((string)package["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture) > App.Clock.GetUtcNow());
        var file = await c.BackOffice.GetAsync((string)package["downloadUrl"]!);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains((string)first["reference"]!, await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAsync(await intake.GetAsync((string)package["downloadUrl"]!), HttpStatusCode.Forbidden);
        await ProblemAsync(await c.BackOffice.GetAsync($"/api/v1/packages/{Guid.NewGuid()}/content"), HttpStatusCode.NotFound);
        App.Clock.Advance(TimeSpan.FromDays(400));
        var gone = await ProblemAsync(await c.BackOffice.GetAsync((string)package["downloadUrl"]!), HttpStatusCode.Gone);
        Assert.Equal("package-expired", (string)gone["code"]!);
    }

    [Fact]
    public async Task Should_answer_package_not_available_for_an_erasure()
    {
        var c = await RegisteredAsync();
        await ApproveAsync(c);

        var problem = await ProblemAsync(await c.BackOffice.GetAsync($"/api/v1/requests/{c.RequestId}/package"), HttpStatusCode.NotFound);

        Assert.Equal("package-not-available", (string)problem["code"]!);
    }
}
