using System.Net;
using System.Text.Json.Nodes;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// The API as an integrator meets it: English errors with the field path and the valid enum values, the extension
/// to the latest allowed date, and the read-only admin surface (event feed, ledger, suppression, e-mails, audit).
/// </summary>
public sealed class ApiIntegratorTests(AppFixture app) : ApiTest(app)
{
    private async Task<(HttpClient Ats, HttpClient Dpo, string RequestId, string CandidateId)> RegisteredAsync()
    {
        var admin = await ClientAsync(Roles.Admin);
        await ExpectAsync(await admin.PostAsync("/api/v1/policy", Json(PrivacyDesk.Web.DemoData.PolicyPacks.Read("asap"))), HttpStatusCode.OK);
        var ats = await ClientAsync(Roles.Intake);
        var candidate = await ExpectAsync(await ats.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        var request = await ExpectAsync(await ats.PostAsync("/api/v1/requests", Json(PostalErasure)), HttpStatusCode.Created);
        var dpo = await ClientAsync(Roles.Dpo);
        return (ats, dpo, (string)request["id"]!, (string)candidate["id"]!);
    }

    [Fact]
    public async Task Should_name_the_valid_values_and_the_field_path_for_an_unknown_enum_value()
    {
        var ats = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["types"] = JsonNode.Parse("[\"Eraser\"]");

        var problem = await ProblemAsync(await ats.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.Equal("malformed-json", (string)problem["code"]!);
        var messages = problem["errors"]!["types[0]"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains("Access, Rectification, Erasure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_answer_validation_errors_in_english_whatever_the_accept_language()
    {
        var ats = await ClientAsync(Roles.Intake);
        foreach (var language in new[] { "nl-BE", "fr-BE", "en" })
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, "/api/v1/requests?limit=0");
            message.Headers.AcceptLanguage.ParseAdd(language);

            var problem = await ProblemAsync(await ats.SendAsync(message), HttpStatusCode.BadRequest);

            // The validator's own message, which followed the portal's culture (Dutch by default) before.
            var text = string.Join(" ", problem["errors"]!["limit"]!.AsArray().Select(m => (string)m!));
            Assert.Contains("must be between 1 and 200", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Should_extend_to_the_latest_allowed_date_when_newDueOn_is_omitted_and_name_the_rule_of_a_second_extension()
    {
        var (_, dpo, requestId, _) = await RegisteredAsync();
        var before = await ExpectAsync(await dpo.GetAsync($"/api/v1/requests/{requestId}"), HttpStatusCode.OK);

        var extended = await ExpectAsync(await dpo.PostAsync($"/api/v1/requests/{requestId}/extension",
            Json("{ \"reasonCode\": \"hard-to-retrieve\", \"reasonDetails\": \"Part of your data is in our Gent archive.\" }")), HttpStatusCode.OK);

        Assert.Equal((string)before["maxExtendedDueOn"]!, (string)extended["extendedDueOn"]!);
        var again = await ProblemAsync(await dpo.PostAsync($"/api/v1/requests/{requestId}/extension",
            Json("{ \"reasonCode\": \"hard-to-retrieve\", \"reasonDetails\": \"Still searching.\" }")), HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("EXT-", (string)again["ruleId"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_feed_an_erasure_to_the_ats_and_show_it_in_the_ledger_suppression_list_messages_and_audit_without_content()
    {
        var (ats, dpo, requestId, candidateId) = await RegisteredAsync();
        await ExpectAsync(await dpo.PostAsync($"/api/v1/requests/{requestId}/identity",
            Json(new { action = "Verify", candidateId, method = "Signed letter", why = "Same name, date of birth and phone" })), HttpStatusCode.OK);
        using (var decision = Post($"/api/v1/requests/{requestId}/decision", Json("{ \"outcome\": \"Approved\" }")))
        {
            decision.Headers.TryAddWithoutValidation("If-Match", "*");
            await ExpectAsync(await dpo.SendAsync(decision), HttpStatusCode.OK);
        }
        var backOffice = await ClientAsync(Roles.BackOffice);
        await ExpectAsync(await backOffice.PostAsync($"/api/v1/requests/{requestId}/execution", null), HttpStatusCode.OK);

        // The ATS pages through the feed with after=cursor and finds the erasure of its candidate.
        var events = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await ExpectAsync(await ats.GetAsync("/api/v1/events?limit=2" + (after is null ? "" : "&after=" + after)), HttpStatusCode.OK);
            events.AddRange(page["items"]!.AsArray().Select(i => i!));
            after = (string?)page["nextCursor"];
        }
        while (after is not null);
        Assert.Contains(events, e => (string)e["candidateId"]! == candidateId && (string)e["kind"]! == "Erased" && (string)e["requestId"]! == requestId);
        var last = (string)events[^1]["cursor"]!;
        Assert.Empty((await ExpectAsync(await ats.GetAsync("/api/v1/events?after=" + last), HttpStatusCode.OK))["items"]!.AsArray());
        await ProblemAsync(await ats.GetAsync("/api/v1/events?after=not-a-cursor"), HttpStatusCode.BadRequest);

        var admin = await ClientAsync(Roles.Admin);
        var ledger = await ExpectAsync(await admin.GetAsync($"/api/v1/erasure-ledger?candidateId={candidateId}"), HttpStatusCode.OK);
        Assert.Contains(ledger["items"]!.AsArray(), e => (string)e!["action"]! == "Deleted" && (int)e["count"]! > 0);

        var suppression = await ExpectAsync(await admin.GetAsync("/api/v1/suppression"), HttpStatusCode.OK);
        var entry = suppression["items"]!.AsArray().Single()!;
        Assert.Equal(8, ((string)entry["emailHashPrefix"]!).Length);
        Assert.DoesNotContain("an.peeters", suppression.ToJsonString(), StringComparison.Ordinal);

        var messages = await ExpectAsync(await backOffice.GetAsync($"/api/v1/requests/{requestId}/messages"), HttpStatusCode.OK);
        Assert.NotEmpty(messages.AsArray());
        Assert.DoesNotContain("an.peeters@example.be", messages.ToJsonString(), StringComparison.Ordinal);

        var audit = await ExpectAsync(await admin.GetAsync($"/api/v1/audit?requestId={requestId}&limit=1"), HttpStatusCode.OK);
        Assert.Single(audit["items"]!.AsArray());
        Assert.NotNull((string?)audit["nextCursor"]);
        var second = await ExpectAsync(await admin.GetAsync($"/api/v1/audit?requestId={requestId}&limit=1&cursor={(string)audit["nextCursor"]!}"), HttpStatusCode.OK);
        Assert.True((long)second["items"]![0]!["sequence"]! > (long)audit["items"]![0]!["sequence"]!);
        var verify = await ExpectAsync(await admin.GetAsync("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.True((bool)verify["intact"]!, verify.ToJsonString());

        // Read-only views keep to their roles: the ATS's Intake key reads the feed, not the audit trail.
        await ProblemAsync(await ats.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await ProblemAsync(await ats.GetAsync("/api/v1/suppression"), HttpStatusCode.Forbidden);
    }
}
