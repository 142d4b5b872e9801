using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.IntegrationTests.Api;

public sealed class RequestsApiTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_register_a_postal_request_with_its_real_receipt_date_DL1_DL4()
    {
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Intake, "Mailroom");

        var response = await client.PostAsync("/api/v1/requests", Json(PostalErasure));
        var body = await ExpectAsync(response, HttpStatusCode.Created);

        var id = (string)body["id"]!;
        Assert.Equal($"/api/v1/requests/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches("^PD-2026-\\d{6}$", (string)body["reference"]!);
        Assert.Equal("Received", (string)body["status"]!);
        Assert.Equal("Post", (string)body["channel"]!);
        // Received Monday 16 November 2026 (Brussels): one month later is 16 December 2026 (gdpr-rules.md §1.3).
        Assert.Equal("2026-11-16", (string)body["receivedOn"]!);
        Assert.Equal("2026-12-16", (string)body["dueOn"]!);
        Assert.Null(body["extendedDueOn"]);
        // Registered on 23 November: more than 3 days after receipt, flagged for the DPO (DL-4).
        Assert.True((bool)body["receiptDateFlagged"]!);
        var sub = Assert.Single(body["subRequests"]!.AsArray());
        Assert.Equal("Erasure", (string)sub!["type"]!);
        Assert.DoesNotContain("an.peeters", body.ToJsonString(), StringComparison.Ordinal);

        var (mail, actor) = await App.WithDbAsync(async db => (
            await db.Outbox.SingleAsync(),
            await db.AuditEvents.Where(e => e.Type == "request.received").Select(e => e.Actor).SingleAsync()));
        Assert.Equal("request-acknowledgement-registered", mail.Template);
        Assert.DoesNotContain("/Requests/Verify", mail.BodyText, StringComparison.Ordinal); // identity is handled by whoever registered it
        Assert.Contains("/Requests/Status", mail.BodyText, StringComparison.Ordinal);
        Assert.Equal("an.peeters@example.be", mail.ToAddress);
        Assert.Equal("nl", mail.Language);
        Assert.Contains((string)body["reference"]!, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("wissing", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains("16 december 2026", mail.BodyText, StringComparison.Ordinal); // a date in words, as in every candidate e-mail
        Assert.Equal("api:Mailroom", actor);

        var read = await ExpectAsync(await client.GetAsync($"/api/v1/requests/{id}"), HttpStatusCode.OK);
        Assert.Equal((string)body["reference"]!, (string)read["reference"]!);
        Assert.Equal("2026-12-16", (string)read["dueOn"]!);
    }

    [Fact]
    public async Task Should_make_one_sub_request_per_right_of_a_combined_request_DL6()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["types"] = new JsonArray("Access", "Rectification", "Portability");
        body["details"] = JsonNode.Parse("""{ "corrections": [ { "recordSet": "CandidateProfile", "field": "LastName", "currentValue": "Peters", "newValue": "Peeters" } ], "format": "csv" }""");

        var created = await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);

        var subs = created["subRequests"]!.AsArray();
        Assert.Equal(["Access", "Rectification", "Portability"], subs.Select(s => (string)s!["type"]!).ToArray());
        Assert.Equal("Peeters", (string)subs[1]!["details"]!["corrections"]![0]!["newValue"]!);
        Assert.Equal("csv", (string)subs[2]!["details"]!["format"]!);
        var stored = await App.WithDbAsync(db => db.SubRequests.CountAsync());
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task Should_refuse_a_future_receipt_date_and_a_postal_request_without_one_DL4()
    {
        var client = await ClientAsync(Roles.Intake);
        var future = JsonNode.Parse(PostalErasure)!;
        future["receivedAt"] = "2026-11-24T08:00:00+01:00";
        var missing = JsonNode.Parse(PostalErasure)!;
        missing.AsObject().Remove("receivedAt");

        var p1 = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(future.ToJsonString())), HttpStatusCode.BadRequest);
        var p2 = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(missing.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.Contains("DL-4", (string)p1["errors"]!["receivedAt"]![0]!, StringComparison.Ordinal);
        Assert.Contains("DL-4", (string)p2["errors"]!["receivedAt"]![0]!, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_give_field_errors_for_an_invalid_request()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["types"] = new JsonArray();
        body["language"] = "de";
        body["requester"]!["email"] = "not-an-email";
        body["requester"]!["lastName"] = new string('x', 10_000);

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "types", "language", "requester.email", "requester.lastName" })
            Assert.True(errors.ContainsKey(field), field + " in " + problem.ToJsonString());
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_an_unknown_enum_value_as_malformed_json()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["types"] = new JsonArray("Forget-me");

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("types[0]"), problem.ToJsonString());
    }

    [Fact]
    public async Task Should_refuse_roles_and_unknown_ids_with_problems()
    {
        var anonymous = AnonymousClient();
        await ProblemAsync(await anonymous.PostAsync("/api/v1/requests", Json(PostalErasure)), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/api/v1/requests"), HttpStatusCode.Unauthorized);
        var backOffice = await ClientAsync(Roles.BackOffice);
        await ProblemAsync(await backOffice.PostAsync("/api/v1/requests", Json(PostalErasure)), HttpStatusCode.Forbidden);
        var admin = await ClientAsync(Roles.Admin);
        await ProblemAsync(await admin.GetAsync("/api/v1/requests"), HttpStatusCode.Forbidden);
        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.GetAsync($"/api/v1/requests/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await intake.GetAsync($"/api/v1/requests/{Guid.NewGuid()}/plan"), HttpStatusCode.Forbidden);
        var dpo = await ClientAsync(Roles.Dpo);
        await ProblemAsync(await dpo.GetAsync($"/api/v1/requests/{Guid.NewGuid()}/plan"), HttpStatusCode.NotFound);
        await ProblemAsync(await dpo.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_serve_the_plan_of_a_request_to_the_DPO()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Erasure);
        var dpo = await ClientAsync(Roles.Dpo);

        var plan = await ExpectAsync(await dpo.GetAsync($"/api/v1/requests/{request.Id}/plan"), HttpStatusCode.OK);

        Assert.Equal(request.Reference, (string)plan["reference"]!);
        var sub = Assert.Single(plan["subRequests"]!.AsArray());
        Assert.Equal("Erasure", (string)sub!["type"]!);
        Assert.NotEmpty(sub["plan"]!.ToJsonString());
    }

    [Fact]
    public async Task Should_page_requests_by_due_date_with_an_opaque_cursor_and_filter_them()
    {
        var client = await ClientAsync(Roles.Intake);
        var days = new[] { 20, 16, 18, 10, 16, 12, 22 };
        foreach (var (day, i) in days.Select((d, i) => (d, i)))
        {
            var body = JsonNode.Parse(PostalErasure)!;
            body["receivedAt"] = $"2026-11-{day:00}T10:00:00+01:00";
            body["channel"] = i % 2 == 0 ? "Post" : "Email";
            body["requester"]!["email"] = $"person{i}@example.be";
            await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);
        }

        var seen = new List<(string Due, string Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ExpectAsync(await client.GetAsync("/api/v1/requests?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(x => ((string)x!["dueOn"]!, (string)x!["id"]!)));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(days.Length, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.Select(s => s.Due).Order(StringComparer.Ordinal).ToList(), seen.Select(s => s.Due).ToList());
        Assert.Equal("2026-12-10", seen[0].Due);

        // Received 20 Nov → 20 Dec is a Sunday → 21 Dec; 22 Nov (a Sunday, DL-2) → 22 Dec.
        var posts = await ExpectAsync(await client.GetAsync("/api/v1/requests?channel=Post&dueFrom=2026-12-16&dueTo=2026-12-31"), HttpStatusCode.OK);
        var postDues = posts["items"]!.AsArray().Select(x => (string)x!["dueOn"]!).ToList();
        Assert.Equal(["2026-12-16", "2026-12-18", "2026-12-21", "2026-12-22"], postDues.Order(StringComparer.Ordinal).ToList());
        Assert.All(posts["items"]!.AsArray(), x => Assert.Equal("Post", (string)x!["channel"]!));

        var none = await ExpectAsync(await client.GetAsync("/api/v1/requests?status=Closed&type=Erasure"), HttpStatusCode.OK);
        Assert.Empty(none["items"]!.AsArray());
    }

    [Fact]
    public async Task Should_refuse_invalid_list_parameters_and_forged_cursors()
    {
        var client = await ClientAsync(Roles.Dpo);

        var p1 = await ProblemAsync(await client.GetAsync("/api/v1/requests?status=' OR 1=1--&limit=abc&dueFrom=31/12/2026"), HttpStatusCode.BadRequest);
        var p2 = await ProblemAsync(await client.GetAsync("/api/v1/requests?cursor=bm90LWEtY3Vyc29y"), HttpStatusCode.BadRequest);
        var p3 = await ProblemAsync(await client.GetAsync("/api/v1/requests?limit=100000"), HttpStatusCode.BadRequest);

        Assert.True(p1["errors"]!.AsObject().ContainsKey("status"));
        Assert.True(p1["errors"]!.AsObject().ContainsKey("limit"));
        Assert.True(p1["errors"]!.AsObject().ContainsKey("dueFrom"));
        Assert.True(p2["errors"]!.AsObject().ContainsKey("cursor"));
        Assert.True(p3["errors"]!.AsObject().ContainsKey("limit"));
    }

    [Fact]
    public async Task Should_make_a_request_through_the_api_indistinguishable_from_one_through_the_portal_intake()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["channel"] = "Api";
        body.AsObject().Remove("receivedAt");
        body["language"] = "en";
        body["requester"]!["email"] = "api.person@example.be";
        var viaApi = await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);

        Guid portalId = default;
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDeskDbContext>();
            var created = await sp.GetRequiredService<RequestIntake>().ReceiveAsync(new RequestIntake.Input(Channel.Web, null, "en",
                new DataSubjectRequest.Requester("An", "Peeters", "web.person@example.be", "+32470123456", new DateOnly(1990, 4, 12)),
                [new DataSubjectRequest.SubRequestInput(RequestType.Erasure, new SubRequestDetails().ToJson())], null, true, null), "candidate", default);
            await db.SaveChangesAsync();
            portalId = created.Request.Id;
        });

        var dpo = await ClientAsync(Roles.Dpo);
        var api = await ExpectAsync(await dpo.GetAsync($"/api/v1/requests/{viaApi["id"]}"), HttpStatusCode.OK);
        var web = await ExpectAsync(await dpo.GetAsync($"/api/v1/requests/{portalId}"), HttpStatusCode.OK);
        // Everything the DPO works with is the same; only identity, timestamps and the channel differ.
        // "version" is the row's transaction id (optimistic concurrency), different for any two rows.
        var differing = new HashSet<string>(StringComparer.Ordinal) { "id", "reference", "channel", "receivedAt", "registeredAt", "subRequests", "version" };
        foreach (var (name, value) in api.AsObject().Where(p => !differing.Contains(p.Key)))
            Assert.True(JsonNode.DeepEquals(value, web[name]), $"{name}: api {value?.ToJsonString()} vs web {web[name]?.ToJsonString()}");
        Assert.Equal(api.AsObject().Select(p => p.Key), web.AsObject().Select(p => p.Key));
        Assert.Equal(((JsonObject)api["subRequests"]![0]!).Select(p => p.Key), ((JsonObject)web["subRequests"]![0]!).Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(api["subRequests"]![0]!["details"], web["subRequests"]![0]!["details"]));

        var rows = await App.WithDbAsync(db => db.Requests.AsNoTracking().OrderBy(r => r.Channel).ToListAsync());
        Assert.Equal(rows[0].DueOn, rows[1].DueOn);
        Assert.Equal(rows[0].Status, rows[1].Status);
        Assert.Equal(rows[0].MaxExtendedDueOn, rows[1].MaxExtendedDueOn);
        Assert.Equal(rows[0].IdentityStatus, rows[1].IdentityStatus);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.StatusTokenHash)));
    }
}
