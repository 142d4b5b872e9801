using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Api;
using PrivacyDesk.IntegrationTests.Execution;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Api;

namespace PrivacyDesk.IntegrationTests.Security;

/// <summary>
/// Hostile input (docs/security.md) on the JSON API: every endpoint under /api/v1, enumerated from the app's endpoint data source at
/// run time (a new endpoint without an entry in <see cref="Inputs"/> fails the test, so none is left out),
/// gets the whole <see cref="HostileCorpus"/> in every value of its body (or its route and query), plus
/// invalid UTF-8, 100 levels of nesting, 10 MB, NUL and wrong media types. Each call: never a 500; refused
/// with an RFC 9457 problem that names the field and nothing stored; or accepted as the data it is.
/// </summary>
public sealed class ApiHostileInputTests(AppFixture app) : ApiTest(app)
{
    /// <summary>The resources the endpoints act on, made fresh for each test.</summary>
    private sealed record Fixture(Guid CandidateId, Guid RequestId, Guid UnlinkedRequestId, Guid ExecutedRequestId, Guid TaskId, Guid HoldId, uint Version);

    /// <summary>What each endpoint takes, by endpoint name: a valid JSON body ("{…}"), query parameters ("a=b&c=d"), or nothing ("").</summary>
    private static readonly Dictionary<string, Func<Fixture, string>> Inputs = new(StringComparer.Ordinal)
    {
        ["UpsertCandidate"] = _ => JsonSerializer.Serialize(FullCandidate(), ApiJson.Options),
        ["RecordDisclosure"] = _ => """{ "externalReference": "ATS-1", "clientCompany": "Logistiek Gent NV", "clientEmail": "hr@logistiek-gent.example", "disclosedOn": "2026-11-20", "what": "CV", "purposeCode": "client-presentation" }""",
        ["RegisterRequest"] = _ => PostalErasure.Replace("\"details\": { }", "\"description\": \"Brief van 12 november.\", \"details\": { \"explanation\": \"Zie brief\", \"format\": \"json\", \"sendToController\": \"Jobs NV\" }", StringComparison.Ordinal),
        ["ImportPolicyPack"] = _ => PolicyPacks.Read("asap"),
        ["SettleIdentity"] = f => $$"""{ "action": "Verify", "candidateId": "{{f.CandidateId}}", "method": "ID card checked at the counter", "why": "Same e-mail and date of birth" }""",
        ["DecideRequest"] = f => $$"""{ "outcome": "Approved", "reasonDetails": "All checks done.", "version": {{f.Version}} }""",
        ["ExtendRequest"] = _ => """{ "reasonCode": "volume-systems", "reasonDetails": "Your data sit in several systems that we must search one by one.", "newDueOn": "2027-02-23" }""",
        ["FinishTask"] = _ => """{ "status": "Done", "note": "Removed from the ATS." }""",
        ["PlaceLegalHold"] = f => $$"""{ "candidateId": "{{f.CandidateId}}", "purposeCodes": ["payroll"], "reason": "Litigation", "externalReference": "AR Gent 26/1", "description": "Claim about overtime", "justification": "The claim concerns these payslips.", "endCondition": "Final judgment", "reviewOn": "2027-02-23" }""",
        ["LiftLegalHold"] = _ => """{ "reason": "Claim withdrawn." }""",
        ["ListRequests"] = _ => "status=Received&type=Erasure&channel=Post&dueFrom=2026-01-01&dueTo=2027-12-31&limit=5&cursor=abc",
        ["ListLegalHolds"] = f => $"candidateId={f.CandidateId}&active=true",
        ["RunRetentionSweep"] = _ => "dryRun=true",
        ["GetCandidate"] = _ => "",
        ["GetRequest"] = _ => "",
        ["GetRequestPlan"] = _ => "",
        ["ExecuteRequest"] = _ => "",
        ["ListRequestTasks"] = _ => "",
        ["SendFinalAnswer"] = _ => "",
        ["CloseRequest"] = _ => "",
        ["GetRequestPackage"] = _ => "",
        ["DownloadPackage"] = _ => "",
        ["GetLegalHold"] = _ => "",
        ["ListAuditEvents"] = f => $"limit=5&cursor=abc&requestId={f.CandidateId}",
        ["VerifyAuditTrail"] = _ => "",
        ["ListErasureLedger"] = f => $"limit=5&cursor=abc&candidateId={f.CandidateId}",
        ["ListSuppressionEntries"] = _ => "limit=5&cursor=abc",
        ["ListRequestMessages"] = _ => "",
        ["ListEvents"] = _ => "limit=5&after=abc",
    };

    private static bool TakesJson(string input) => input.StartsWith('{');

    /// <summary>The endpoint's URL with its route values filled from the fixture.</summary>
    private static string UrlOf(ApiEndpoint endpoint, Fixture f)
    {
        var p = endpoint.Pattern;
        var id = p.StartsWith(ApiEndpoints.Prefix + "/candidates/", StringComparison.Ordinal) ? f.CandidateId
            : p.StartsWith(ApiEndpoints.Prefix + "/legal-holds/", StringComparison.Ordinal) ? f.HoldId
            : endpoint.Name == "SettleIdentity" ? f.UnlinkedRequestId
            : endpoint.Name is "ListRequestTasks" or "SendFinalAnswer" or "CloseRequest" ? f.ExecutedRequestId
            : f.RequestId;
        return p.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal).Replace("{taskId:guid}", f.TaskId.ToString(), StringComparison.Ordinal)
            .Replace("{packageId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
    }

    private sealed record ApiEndpoint(string Name, string Method, string Pattern);

    private IReadOnlyList<ApiEndpoint> Endpoints() =>
        App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith(ApiEndpoints.Prefix, StringComparison.Ordinal)
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                new ApiEndpoint(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!, m, e.RoutePattern.RawText!)))
            .ToList();

    [Fact]
    public void Should_know_how_to_feed_every_api_endpoint()
    {
        var endpoints = Endpoints();

        Assert.True(endpoints.Count >= 20, "The API's endpoints were not found.");
        var missing = endpoints.Where(e => !Inputs.ContainsKey(e.Name)).Select(e => $"{e.Method} {e.Pattern} ({e.Name})").ToList();
        Assert.True(missing.Count == 0, "Add these endpoints to ApiHostileInputTests.Inputs so the hostile corpus covers them: " + string.Join(", ", missing));
        var fixture = new Fixture(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, 0);
        var json = endpoints.Where(e => TakesJson(Inputs[e.Name](fixture))).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(JsonEndpointNames.Order(StringComparer.Ordinal), json); // every JSON body is swept below
    }

    private static readonly string[] JsonEndpointNames = ["UpsertCandidate", "RecordDisclosure", "RegisterRequest", "ImportPolicyPack",
        "SettleIdentity", "DecideRequest", "ExtendRequest", "FinishTask", "PlaceLegalHold", "LiftLegalHold"];

    public static TheoryData<string> JsonEndpoints => new(JsonEndpointNames);

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Should_refuse_or_accept_as_data_every_hostile_value_in_every_field_of_the_body(string endpointName)
    {
        var endpoint = Assert.Single(Endpoints(), e => e.Name == endpointName);
        var (client, fixture) = await PreparedClientAsync();
        var url = UrlOf(endpoint, fixture);
        var body = JsonNode.Parse(Inputs[endpointName](fixture))!;
        var baseline = await client.SendAsync(Request(endpoint.Method, url, Json(body.ToJsonString())));
        Assert.True(baseline.IsSuccessStatusCode, $"The valid body of {endpointName} is refused: {await baseline.Content.ReadAsStringAsync()}");
        // The policy pack's lists repeat one shape dozens of times: its first entry of each list stands for the rest.
        var leaves = Leaves(body, "").Where(l => endpointName != "ImportPolicyPack" || !System.Text.RegularExpressions.Regex.IsMatch(l.Path, @"\[[1-9]\d*\]")).ToList();
        var failures = new List<string>();
        var calls = 0;

        foreach (var (path, _) in leaves)
        {
            foreach (var hostile in HostileCorpus.Strings)
            {
                calls++;
                var changed = body.DeepClone();
                Set(changed, path, hostile.Value);
                var before = await CountsAsync();
                var response = await client.SendAsync(Request(endpoint.Method, url, Json(changed.ToJsonString())));
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{endpointName} {path}={hostile.Name}";
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{what}: {(int)response.StatusCode} {Short(text)}");
                }
                else if (response.IsSuccessStatusCode)
                {
                    if (hostile.Kind == HostileKind.Nul)
                        failures.Add($"{what}: a NUL was accepted");
                }
                else
                {
                    var problem = Problem(response, text);
                    if (problem is null)
                        failures.Add($"{what}: {(int)response.StatusCode} is not a problem+json");
                    else if (response.StatusCode == HttpStatusCode.BadRequest && !NamesField(problem, path))
                        failures.Add($"{what}: 400 does not name the field: {Short(text)}");
                    if (await CountsAsync() != before)
                        failures.Add($"{what}: refused ({(int)response.StatusCode}) but something was stored");
                    if (text.Contains(hostile.Value, StringComparison.Ordinal) && hostile.Value.Length > 3)
                        failures.Add($"{what}: the problem echoes the hostile value");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls ({leaves.Count} fields × {HostileCorpus.Strings.Count} values) failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(60))}");
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Should_refuse_malformed_bodies_invalid_utf8_deep_nesting_and_10_mb_with_a_problem_and_store_nothing(string endpointName)
    {
        var endpoint = Assert.Single(Endpoints(), e => e.Name == endpointName);
        var (client, fixture) = await PreparedClientAsync();
        var url = UrlOf(endpoint, fixture);
        var valid = Inputs[endpointName](fixture);
        var firstString = Leaves(JsonNode.Parse(valid)!, "").First(l => l.Node.GetValueKind() == JsonValueKind.String);
        var marked = JsonNode.Parse(valid)!;
        Set(marked, firstString.Path, "MARKER");
        var markedText = marked.ToJsonString();
        var cases = new List<(string Name, HttpContent Content, HttpStatusCode Expected)>();
        foreach (var (name, bytes) in HostileCorpus.InvalidUtf8)
            cases.Add(("utf8-" + name, Raw(HostileCorpus.WithInvalidBytes(markedText, "MARKER", bytes)), HttpStatusCode.BadRequest));
        cases.Add(("raw-nul-byte", Raw(HostileCorpus.WithInvalidBytes(markedText, "MARKER", [0x00])), HttpStatusCode.BadRequest));
        cases.Add(("nested-100-inside", Json(markedText.Replace("\"MARKER\"", HostileCorpus.DeeplyNested(100), StringComparison.Ordinal)), HttpStatusCode.BadRequest));
        cases.Add(("nested-100-arrays", Json(new string('[', 100) + new string(']', 100)), HttpStatusCode.BadRequest));
        cases.Add(("body-10-mb", Json(markedText.Replace("MARKER", new string('a', 10 * 1024 * 1024), StringComparison.Ordinal)), HttpStatusCode.RequestEntityTooLarge));
        cases.Add(("not-json", new StringContent("types=Erasure&firstName=An", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType));
        cases.Add(("xml", new StringContent("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", Encoding.UTF8, "application/xml"), HttpStatusCode.UnsupportedMediaType));
        cases.Add(("truncated", Json(markedText[..(markedText.Length / 2)]), HttpStatusCode.BadRequest));
        cases.Add(("array-root", Json("[" + markedText + "]"), HttpStatusCode.BadRequest));
        cases.Add(("empty", Json(""), 0)); // 0: any 4xx problem (an empty body is "no body" where the body is optional)
        var failures = new List<string>();

        foreach (var (name, content, expected) in cases)
        {
            var before = await CountsAsync();
            var response = await client.SendAsync(Request(endpoint.Method, url, content));
            var text = await response.Content.ReadAsStringAsync();
            if ((expected == 0 ? (int)response.StatusCode is < 400 or >= 500 : response.StatusCode != expected) || Problem(response, text) is null)
                failures.Add($"{name}: {(int)response.StatusCode} (expected {(int)expected} problem) {Short(text)}");
            if (await CountsAsync() != before)
                failures.Add($"{name}: something was stored");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Should_answer_hostile_route_values_and_query_parameters_of_every_endpoint_with_a_problem()
    {
        var (client, fixture) = await PreparedClientAsync();
        var failures = new List<string>();
        var calls = 0;

        foreach (var endpoint in Endpoints())
        {
            foreach (var hostile in HostileCorpus.Strings.Where(h => h.Kind != HostileKind.Oversized))
            {
                var h = Uri.EscapeDataString(hostile.Value);
                var urls = new List<string>();
                var path = System.Text.RegularExpressions.Regex.Replace(endpoint.Pattern, "\\{[^}]+\\}", h);
                // A NUL in the path itself never reaches the app: Kestrel refuses it (and the in-memory test server throws).
                if (path != endpoint.Pattern && hostile.Kind != HostileKind.Nul)
                    urls.Add(path);
                if (Inputs[endpoint.Name](fixture) is { Length: > 0 } query && !TakesJson(query))
                {
                    foreach (var parameter in query.Split('&'))
                    {
                        var name = parameter[..parameter.IndexOf('=', StringComparison.Ordinal)];
                        urls.Add(UrlOf(endpoint, fixture) + "?" + string.Join('&', query.Split('&').Select(p => p.StartsWith(name + "=", StringComparison.Ordinal) ? name + "=" + h : p)));
                    }
                }
                foreach (var url in urls)
                {
                    calls++;
                    var response = await client.SendAsync(Request(endpoint.Method, url, endpoint.Method == "POST" ? Json("{}") : null));
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && Problem(response, text) is null))
                        failures.Add($"{endpoint.Method} {url[..Math.Min(80, url.Length)]} ({hostile.Name}): {(int)response.StatusCode} {Short(text)}");
                }
            }
        }

        Assert.True(calls > 100, $"only {calls} calls");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>A DPO key (it may call every endpoint) and what the inputs refer to: the register, candidate ATS-1, requests, a task, a hold.</summary>
    private async Task<(HttpClient Client, Fixture Fixture)> PreparedClientAsync()
    {
        await App.ImportPackAsync("asap");
        var client = await ClientAsync(Roles.Dpo);
        var created = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        var candidateId = (Guid)created["id"]!;
        var candidate = await App.WithDbAsync(db => db.Candidates.AsNoTracking().SingleAsync(c => c.Id == candidateId));
        var inReview = await App.AddRequestAsync(candidate, Domain.Requests.RequestType.Access, Domain.Requests.RequestType.Erasure);
        var unlinked = await App.AddRequestAsync(null, Domain.Requests.RequestType.Access);
        var worker = await App.AddFormerWorkerAsync(c => { c.ExternalReference = "ATS-WORKER"; c.Email = "worker@example.be"; });
        var executed = await App.AddRequestAsync(worker, Domain.Requests.RequestType.Erasure);
        await App.DecideAsync(executed.Id);
        await App.SendAsync(new PrivacyDesk.Web.Features.Execution.ExecutePlan.Command { RequestId = executed.Id }, Roles.BackOffice);
        var taskId = await App.WithDbAsync(db => db.Tasks.Where(t => t.RequestId == executed.Id).Select(t => t.Id).FirstAsync());
        var holdId = await App.SendAsync(new PrivacyDesk.Web.Features.Staff.PlaceLegalHold.Command
        {
            CandidateId = candidateId, PurposeCodes = ["payroll"], Reason = Domain.LegalHolds.LegalHoldReason.Litigation,
            ExternalReference = "AR Gent 26/2", Description = "Claim", EndCondition = "Judgment", ReviewOn = new DateOnly(2027, 2, 1),
        }, Roles.Dpo);
        var version = (uint)(await ExpectAsync(await client.GetAsync($"/api/v1/requests/{inReview.Id}"), HttpStatusCode.OK))["version"]!;
        return (client, new Fixture(candidateId, inReview.Id, unlinked.Id, executed.Id, taskId, holdId, version));
    }

    private static HttpRequestMessage Request(string method, string url, HttpContent? content) => new(new HttpMethod(method), url) { Content = content };

    private Task<string> CountsAsync() => App.WithDbAsync(async db =>
        $"{await db.Candidates.IgnoreQueryFilters().CountAsync()}/{await db.Requests.CountAsync()}/{await db.ClientDisclosures.IgnoreQueryFilters().CountAsync()}/{await db.Outbox.CountAsync()}/{await db.InterviewNotes.IgnoreQueryFilters().CountAsync()}/{await db.Purposes.CountAsync()}/{await db.LegalHolds.CountAsync()}/{await db.RequestMessages.CountAsync()}/{await db.Tasks.CountAsync(t => t.Status != PrivacyDesk.Domain.Operations.WorkTaskStatus.Open)}");

    /// <summary>The problem document, or null when the response is not RFC 9457 with a code.</summary>
    private static JsonNode? Problem(HttpResponseMessage response, string text)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return null;
        var problem = JsonNode.Parse(text);
        return problem?["status"]?.GetValue<int>() == (int)response.StatusCode && problem["code"] is not null ? problem : null;
    }

    /// <summary>The problem's errors name the field (or the part of the document it sits in, for the policy pack's JSON paths).</summary>
    private static bool NamesField(JsonNode problem, string path)
    {
        if (problem["errors"] is not JsonObject errors)
            return false;
        var wanted = path.Replace("$.", "", StringComparison.Ordinal);
        // "$.purposes[0].names[nl]" (a dictionary entry) names "purposes[0].names.nl".
        return errors.Select(e => System.Text.RegularExpressions.Regex.Replace(e.Key.TrimStart('$', '.'), @"\[([A-Za-z]\w*)\]", ".$1")).Any(k => k.Length == 0 || wanted.StartsWith(k, StringComparison.OrdinalIgnoreCase) || k.StartsWith(wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Every value leaf (string, number, boolean) with its path, e.g. "records.applications[0].vacancyTitle".</summary>
    private static IEnumerable<(string Path, JsonNode Node)> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is not null)
                    {
                        foreach (var leaf in Leaves(value, path.Length == 0 ? key : path + "." + key))
                            yield return leaf;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is not null)
                    {
                        foreach (var leaf in Leaves(a[i]!, $"{path}[{i}]"))
                            yield return leaf;
                    }
                }
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static void Set(JsonNode root, string path, string value)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToList();
        var node = root;
        for (var i = 0; i < parts.Count - 1; i++)
            node = parts[i].StartsWith('[') ? node[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        var last = parts[^1];
        if (last.StartsWith('['))
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = JsonValue.Create(value);
        else
            node[last] = JsonValue.Create(value);
    }
}
