using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Features.Api;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.IntegrationTests.Api;

public sealed partial class ApiKeyTests(AppFixture app) : ApiTest(app)
{
    [GeneratedRegex("^pd_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();

    [Fact]
    public async Task Should_print_the_new_key_alone_on_the_last_line_of_create_api_key()
    {
        Assert.True(AdminCommands.IsCommand(["create-api-key"]));
        var output = new StringWriter();
        var exit = 0;
        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<CurrentUser>().ActAsSystem("cli", Roles.Dpo, Roles.Admin, Roles.BackOffice);
            exit = await CreateApiKeyCommandLine.RunAsync(sp, ["ATS", "--role", "Intake"], output);
        });

        Assert.Equal(0, exit);
        var lines = output.ToString().TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var key = lines[^1];
        Assert.Matches(KeyShape(), key);
        Assert.DoesNotContain(key, string.Join('\n', lines[..^1]), StringComparison.Ordinal);
        var stored = await App.WithDbAsync(db => db.ApiKeys.SingleAsync());
        Assert.Equal("Intake", stored.Role);
        Assert.Equal("cli", stored.CreatedBy);
        Assert.DoesNotContain(key, stored.KeyHash, StringComparison.Ordinal);

        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await ExpectAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Should_refuse_a_bad_role_and_missing_arguments_on_the_command_line()
    {
        var output = new StringWriter();
        int bad = 0, missing = 0;
        await App.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<CurrentUser>().ActAsSystem("cli", Roles.Admin);
            bad = await CreateApiKeyCommandLine.RunAsync(sp, ["ATS", "--role", "Root"], output);
            missing = await CreateApiKeyCommandLine.RunAsync(sp, ["ATS"], output);
        });

        Assert.Equal(1, bad);
        Assert.Equal(2, missing);
        Assert.Equal("", output.ToString());
        Assert.Equal(0, await App.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Should_let_only_an_admin_create_keys_and_stop_a_revoked_key()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new CreateApiKey.Command { Name = "X", Role = Roles.Dpo }, Roles.Dpo));
        var created = await App.SendAsync(new CreateApiKey.Command { Name = "Payroll", Role = Roles.BackOffice }, Roles.Admin);
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        await ExpectAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.OK);
        var used = await App.WithDbAsync(db => db.ApiKeys.Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(used);

        await App.SendAsync(new RevokeApiKey.Command { ApiKeyId = created.Id }, Roles.Admin);

        await ProblemAsync(await client.GetAsync("/api/v1/requests"), HttpStatusCode.Unauthorized);
        var audit = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Type.StartsWith("api-key.")).Select(e => e.Type).ToListAsync());
        Assert.Equal(["api-key.created", "api-key.revoked"], audit.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await App.WithDbAsync(db => db.AuditEvents.Select(e => e.Summary).ToListAsync()), s => s.Contains(created.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_create_show_once_list_and_revoke_keys_on_the_admin_page()
    {
        using var session = new HtmlSession(App);
        await session.SignInAsync(Roles.Admin);
        var (_, page) = await session.GetAsync("/Admin/ApiKeys");

        var (created, createdPage) = await session.SubmitAsync(page, new Dictionary<string, string> { ["Data.Name"] = "ATS", ["Data.Role"] = "Intake" },
            "form[action*='handler=Create']");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var key = createdPage.QuerySelector("#new-api-key")?.TextContent.Trim();
        Assert.NotNull(key);
        Assert.Matches(KeyShape(), key);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var (_, list) = await session.GetAsync("/Admin/ApiKeys");
        Assert.Null(list.QuerySelector("#new-api-key"));
        Assert.DoesNotContain(key, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var prefix = key.Split('_')[1];
        Assert.Contains($"pd_{prefix}_", list.QuerySelector("table.api-keys")!.TextContent, StringComparison.Ordinal);

        var (revoked, _) = await session.SubmitAsync(list, new Dictionary<string, string>(), "form[action*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull(await App.WithDbAsync(db => db.ApiKeys.Select(k => k.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Should_show_field_errors_on_the_admin_page_and_keep_other_roles_out()
    {
        using var admin = new HtmlSession(App);
        await admin.SignInAsync(Roles.Admin);
        var (_, page) = await admin.GetAsync("/Admin/ApiKeys");
        var (response, errors) = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Data.Name"] = "", ["Data.Role"] = "Intake" },
            "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(errors.QuerySelector("#name-error")?.TextContent));
        Assert.Equal(0, await App.WithDbAsync(db => db.ApiKeys.CountAsync()));

        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        var (denied, _) = await dpo.GetAsync("/Admin/ApiKeys");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}

public sealed class DisclosureAndPolicyApiTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_record_a_disclosure_to_a_client_once()
    {
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Intake);
        var candidate = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        var body = new { externalReference = "ATS-1", clientCompany = "Bouw Brugge BV", clientEmail = "jobs@bouw-brugge.example", disclosedOn = "2026-11-20", what = "Profile", purposeCode = "client-presentation" };

        var first = await ExpectAsync(await client.PostAsync("/api/v1/disclosures", Json(body)), HttpStatusCode.Created);
        var second = await ExpectAsync(await client.PostAsync("/api/v1/disclosures", Json(body)), HttpStatusCode.OK);

        Assert.Equal((string)candidate["id"]!, (string)first["candidateId"]!);
        Assert.True((bool)second["alreadyRecorded"]!);
        Assert.Equal((string)first["id"]!, (string)second["id"]!);
        var ledger = await App.WithDbAsync(db => db.ClientDisclosures.Where(d => d.ClientCompany == "Bouw Brugge BV").CountAsync());
        Assert.Equal(1, ledger);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "candidate.disclosed")));
    }

    [Fact]
    public async Task Should_refuse_disclosures_for_unknown_candidates_purposes_and_restricted_profiles()
    {
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Intake);
        var candidate = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);

        await ProblemAsync(await client.PostAsync("/api/v1/disclosures", Json(new { candidateId = Guid.NewGuid(), clientCompany = "X", disclosedOn = "2026-11-20", purposeCode = "client-presentation" })), HttpStatusCode.NotFound);
        var unknown = await ProblemAsync(await client.PostAsync("/api/v1/disclosures", Json(new { candidateId = candidate["id"]!.GetValue<string>(), clientCompany = "X", disclosedOn = "2026-11-20", purposeCode = "no-such-purpose" })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("disclosure.unknown-purpose", (string)unknown["code"]!);
        var invalid = await ProblemAsync(await client.PostAsync("/api/v1/disclosures", Json(new { clientCompany = "", disclosedOn = "2027-01-01", purposeCode = "" })), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "candidateId", "clientCompany", "disclosedOn", "purposeCode" })
            Assert.True(invalid["errors"]!.AsObject().ContainsKey(field), field + " in " + invalid.ToJsonString());

        await App.WithDbAsync(db => db.Candidates.ExecuteUpdateAsync(s => s.SetProperty(c => c.Restricted, true)));
        var restricted = await ProblemAsync(await client.PostAsync("/api/v1/disclosures", Json(new { externalReference = "ATS-1", clientCompany = "X", disclosedOn = "2026-11-20", purposeCode = "client-presentation" })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("RS-2", (string)restricted["ruleId"]!);

        var backOfficeOnly = await ClientAsync(Roles.Admin);
        await ProblemAsync(await backOfficeOnly.PostAsync("/api/v1/disclosures", Json(new { externalReference = "ATS-1", clientCompany = "X", disclosedOn = "2026-11-20", purposeCode = "client-presentation" })), HttpStatusCode.Forbidden);
        Assert.Equal(1, await App.WithDbAsync(db => db.ClientDisclosures.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Should_import_a_policy_pack_for_admin_and_dpo_keys_only()
    {
        var pack = PrivacyDesk.Web.DemoData.PolicyPacks.Read("asap");
        var admin = await ClientAsync(Roles.Admin);
        var intake = await ClientAsync(Roles.Intake);

        await ProblemAsync(await intake.PostAsync("/api/v1/policy", Json(pack)), HttpStatusCode.Forbidden);
        Assert.Equal(0, await App.WithDbAsync(db => db.Purposes.CountAsync()));

        var result = await ExpectAsync(await admin.PostAsync("/api/v1/policy", Json(pack)), HttpStatusCode.OK);

        Assert.Equal("asap", (string)result["packCode"]!);
        Assert.Equal(await App.WithDbAsync(db => db.Purposes.CountAsync()), (int)result["purposes"]!);
    }

    [Fact]
    public async Task Should_give_json_path_field_errors_for_an_invalid_pack()
    {
        var pack = JsonNode.Parse(PrivacyDesk.Web.DemoData.PolicyPacks.Read("asap"))!;
        pack["controller"]!["email"] = "not-an-email";
        var dpo = await ClientAsync(Roles.Dpo);

        var problem = await ProblemAsync(await dpo.PostAsync("/api/v1/policy", Json(pack.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Contains("controller.email", StringComparison.Ordinal));
        Assert.Equal(0, await App.WithDbAsync(db => db.Purposes.CountAsync()));
    }
}

public sealed class OpenApiDocumentTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_serve_a_complete_openapi_document_with_the_api_key_scheme_and_examples()
    {
        var doc = await ExpectAsync(await AnonymousClient().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v1/candidates", "/api/v1/candidates/{id}", "/api/v1/disclosures", "/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/requests/{id}/plan", "/api/v1/policy" })
            Assert.True(paths.ContainsKey(path), path);
        Assert.DoesNotContain(paths, p => !p.Key.StartsWith("/api/v1/", StringComparison.Ordinal));
        var scheme = doc["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string)scheme["type"]!);
        Assert.Equal("X-Api-Key", (string)scheme["name"]!);
        Assert.Equal("header", (string)scheme["in"]!);
        Assert.NotNull(doc["security"]);
        var schemas = doc["components"]!["schemas"]!.AsObject();
        foreach (var name in new[] { "RegisterRequestBody", "RequestView", "UpsertCandidateBody", "CandidateView", "PlanView", "DisclosureView", "Problem404" })
            Assert.True(schemas.ContainsKey(name), name);
        // One named schema per body and response: the nested "Command" / "Result" names once collided.
        Assert.DoesNotContain(schemas, s => s.Key is "Command" or "Result" or "Query");
        Assert.Equal("#/components/schemas/RegisterRequestBody", (string)doc["paths"]!["/api/v1/requests"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/PlanView", (string)doc["paths"]!["/api/v1/requests/{id}/plan"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/CandidateView", (string)doc["paths"]!["/api/v1/candidates/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        // Every property has a type (or is a reference / composition); strings were untyped ({}).
        foreach (var (name, schema) in schemas)
        {
            foreach (var (property, definition) in schema!["properties"]?.AsObject() ?? [])
                Assert.True(definition!["type"] is not null || definition["$ref"] is not null || definition["allOf"] is not null || definition["oneOf"] is not null || definition["anyOf"] is not null || definition["enum"] is not null,
                    $"{name}.{property} has no type: {definition.ToJsonString()}");
        }
        Assert.Contains("receivedAt", schemas["RegisterRequestBody"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("status", schemas["RequestView"]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.Contains("Erasure", schemas["RequestType"]!["enum"]!.AsArray().Select(e => (string?)e));
        Assert.Contains("not-found", doc["components"]!["schemas"]!["Problem404"]!["properties"]!["code"]!["enum"]!.AsArray().Select(e => (string?)e));

        var post = paths["/api/v1/requests"]!["post"]!;
        Assert.Equal("Post", (string)post["requestBody"]!["content"]!["application/json"]!["example"]!["channel"]!);
        Assert.Contains(post["parameters"]!.AsArray(), p => (string)p!["name"]! == "Idempotency-Key");
        Assert.NotNull(post["responses"]!["201"]);
        Assert.NotNull(post["responses"]!["400"]);
        Assert.NotNull(paths["/api/v1/candidates"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["records"]);
    }

    [Fact]
    public async Task Should_document_the_case_legal_hold_and_sweep_endpoints_with_bodies_examples_and_keys()
    {
        var doc = await ExpectAsync(await AnonymousClient().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject();

        var posts = new Dictionary<string, string?>
        {
            ["/api/v1/requests/{id}/identity"] = "action",
            ["/api/v1/requests/{id}/decision"] = "outcome",
            ["/api/v1/requests/{id}/extension"] = "reasonCode",
            ["/api/v1/tasks/{taskId}/finish"] = "status",
            ["/api/v1/legal-holds"] = "externalReference",
            ["/api/v1/requests/{id}/execution"] = null,
            ["/api/v1/requests/{id}/final-answer"] = null,
            ["/api/v1/requests/{id}/close"] = null,
            ["/api/v1/retention/sweep"] = null,
        };
        foreach (var (path, exampleField) in posts)
        {
            Assert.True(paths.ContainsKey(path), path);
            var post = paths[path]!["post"]!;
            Assert.Contains(post["parameters"]!.AsArray(), p => (string)p!["name"]! == "Idempotency-Key");
            Assert.NotNull(post["responses"]!["401"]);
            Assert.NotNull(post["responses"]!["403"]);
            if (exampleField is not null)
            {
                var json = post["requestBody"]!["content"]!["application/json"]!;
                Assert.NotNull(json["schema"]);
                Assert.True(json["example"]?[exampleField] is not null, path + ": " + json.ToJsonString()[..Math.Min(300, json.ToJsonString().Length)]);
                Assert.NotNull(post["responses"]!["400"]);
            }
        }
        foreach (var path in new[] { "/api/v1/requests/{id}/identity", "/api/v1/requests/{id}/decision", "/api/v1/requests/{id}/extension" })
            Assert.Contains(paths[path]!["post"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "If-Match");
        Assert.NotNull(paths["/api/v1/requests/{id}/decision"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/v1/requests/{id}/decision"]!["post"]!["responses"]!["428"]);
        Assert.NotNull(paths["/api/v1/requests/{id}/extension"]!["post"]!["responses"]!["422"]);
        var lift = paths["/api/v1/legal-holds/{id}"]!["delete"]!;
        Assert.Contains(lift["parameters"]!.AsArray(), p => (string)p!["name"]! == "reason");
        Assert.NotNull(lift["requestBody"]!["content"]!["application/json"]!["example"]!["reason"]);
        Assert.Contains(paths["/api/v1/legal-holds"]!["get"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "candidateId");
        Assert.Contains(paths["/api/v1/retention/sweep"]!["post"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "dryRun");
        foreach (var path in new[] { "/api/v1/requests/{id}/package", "/api/v1/requests/{id}/tasks", "/api/v1/legal-holds/{id}" })
            Assert.NotNull(paths[path]!["get"]);
        var schemas = doc["components"]!["schemas"]!.AsObject();
        foreach (var name in new[] { "IdentityInput", "DecisionInput", "ExtensionInput", "PlaceLegalHoldInput", "LegalHoldView", "SweepView", "ExecutionView" })
            Assert.Contains(schemas, s => s.Key.Contains(name, StringComparison.Ordinal));
    }
}
