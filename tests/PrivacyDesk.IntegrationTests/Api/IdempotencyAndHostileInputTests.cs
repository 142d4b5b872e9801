using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

public sealed class IdempotencyTests(AppFixture app) : ApiTest(app)
{
    [Fact]
    public async Task Should_create_a_request_once_when_it_is_sent_twice_with_one_idempotency_key()
    {
        var client = await ClientAsync(Roles.Intake);

        var first = await client.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "retry-7f3a"));
        var second = await client.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "retry-7f3a"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var (requests, mails) = await App.WithDbAsync(async db => (await db.Requests.CountAsync(), await db.Outbox.CountAsync()));
        Assert.Equal(1, requests);
        Assert.Equal(1, mails);
    }

    [Fact]
    public async Task Should_create_a_request_once_when_retries_race_with_one_idempotency_key()
    {
        var client = await ClientAsync(Roles.Intake);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "race-1"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_the_same_key_with_another_body_422()
    {
        var client = await ClientAsync(Roles.Intake);
        await client.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "k-1"));
        var other = JsonNode.Parse(PostalErasure)!;
        other["types"] = new JsonArray("Access");

        var problem = await ProblemAsync(await client.SendAsync(Post("/api/v1/requests", Json(other.ToJsonString()), "k-1")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("idempotency-key-reused", (string)problem["code"]!);
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_scope_keys_per_api_key_and_not_store_refusals()
    {
        var a = await ClientAsync(Roles.Intake, "A");
        var b = await ClientAsync(Roles.Intake, "B");
        var invalid = JsonNode.Parse(PostalErasure)!;
        invalid["language"] = "xx";

        await ProblemAsync(await a.SendAsync(Post("/api/v1/requests", Json(invalid.ToJsonString()), "same")), HttpStatusCode.BadRequest);
        // The refusal was not stored: the corrected body may use the same key.
        await ExpectAsync(await a.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "same")), HttpStatusCode.Created);
        // Another system's key with the same value is another request.
        await ExpectAsync(await b.SendAsync(Post("/api/v1/requests", Json(PostalErasure), "same")), HttpStatusCode.Created);

        Assert.Equal(2, await App.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(2, await App.WithDbAsync(db => db.IdempotencyRecords.CountAsync()));
    }

    [Fact]
    public async Task Should_replay_a_candidate_push_and_refuse_a_malformed_key()
    {
        var client = await ClientAsync(Roles.Intake);
        var first = await client.SendAsync(Post("/api/v1/candidates", Json(FullCandidate()), "push-1"));
        var again = await client.SendAsync(Post("/api/v1/candidates", Json(FullCandidate()), "push-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        var bad = await ProblemAsync(await client.SendAsync(Post("/api/v1/candidates", Json(FullCandidate()), new string('k', 201))), HttpStatusCode.BadRequest);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Candidates.CountAsync()));
    }
}

/// <summary>Hostile input: a clear 4xx, nothing stored, never a 500 (docs/api.md, docs/security.md).</summary>
public sealed class HostileInputTests(AppFixture app) : ApiTest(app)
{
    [Theory]
    [InlineData("firstName", "<script>alert(1)</script>")]
    [InlineData("lastName", "=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("lastName", "+cmd|' /C calc'!A0")]
    [InlineData("email", "an@example.be\r\nBcc: victim@example.com")]
    [InlineData("email", "x'; DROP TABLE candidates; --")]
    [InlineData("externalReference", "1' OR '1'='1")]
    [InlineData("phone", "0470<img src=x>")]
    public async Task Should_refuse_hostile_candidate_fields_with_a_field_error(string field, string value)
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(FullCandidate(), PrivacyDesk.Web.Features.Api.ApiJson.Options))!;
        body[field] = value;

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.DoesNotContain(value, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_header_injection_in_the_requester_email_and_queue_no_mail()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["requester"]!["email"] = "an@example.be\nBcc: everyone@example.com";

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("requester.email"));
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Should_store_an_apostrophe_name_verbatim_because_queries_are_parameterised()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(PostalErasure)!;
        body["requester"]!["lastName"] = "O'Brien'); DELETE FROM requests; --";

        await ExpectAsync(await client.PostAsync("/api/v1/requests", Json(body.ToJsonString())), HttpStatusCode.Created);

        var name = await App.WithDbAsync(db => db.Requests.Select(r => r.RequesterLastName).SingleAsync());
        Assert.Equal("O'Brien'); DELETE FROM requests; --", name);
    }

    [Fact]
    public async Task Should_refuse_invalid_utf8_with_400()
    {
        var client = await ClientAsync(Roles.Intake);
        var bytes = Encoding.UTF8.GetBytes(PostalErasure.Replace("Peeters", "Pe\u0001ters", StringComparison.Ordinal));
        var index = Array.IndexOf(bytes, (byte)0x01);
        // Replace the marker by a lone continuation byte and an invalid lead byte.
        var invalid = bytes.Take(index).Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(bytes.Skip(index + 1)).ToArray();

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Raw(invalid)), HttpStatusCode.BadRequest);

        Assert.Equal("malformed-json", (string)problem["code"]!);
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [InlineData("{ \"types\": [\"Erasure\"], ")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{ \"types\": \"Erasure\" }")]
    [InlineData("{ \"types\": [2] }")]
    [InlineData("{ \"receivedAt\": \"yesterday\" }")]
    public async Task Should_refuse_malformed_json_with_400(string json)
    {
        var client = await ClientAsync(Roles.Intake);

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(json)), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["code"]);
    }

    [Fact]
    public async Task Should_refuse_100_levels_of_nesting_with_400()
    {
        var client = await ClientAsync(Roles.Intake);
        var nested = "{ \"types\": [\"Erasure\"], \"details\": " + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + " }";

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/requests", Json(nested)), HttpStatusCode.BadRequest);

        Assert.Contains("nested too deeply", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_10_MB_body_with_413_and_store_nothing()
    {
        var client = await ClientAsync(Roles.Intake);
        var huge = "{ \"externalReference\": \"X\", \"firstName\": \"" + new string('a', 10 * 1024 * 1024) + "\" }";

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(huge)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("body-too-large", (string)problem["code"]!);
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_a_body_that_is_not_json_with_415()
    {
        var client = await ClientAsync(Roles.Intake);

        await ProblemAsync(await client.PostAsync("/api/v1/requests", new StringContent("types=Erasure", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Should_refuse_a_disguised_photo_and_a_path_in_a_file_name()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(FullCandidate(), PrivacyDesk.Web.Features.Api.ApiJson.Options))!;
        body["records"]!["photos"]![0]!["content"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("MZ this is an exe"));
        body["records"]!["documents"]![0]!["fileName"] = "../../etc/passwd";

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        Assert.True(problem["errors"]!.AsObject().ContainsKey("records.photos[0].content"), problem.ToJsonString());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("records.documents[0].fileName"), problem.ToJsonString());
    }
}
