using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.IntegrationTests.Api;

public sealed class CandidatesApiTests(AppFixture app) : ApiTest(app)
{
    private static readonly string[] AllSets =
    [
        "applications", "documents", "workExperience", "education", "languageSkills", "assignments", "payrollRecords", "taxRecords",
        "interviewNotes", "evaluations", "emergencyContacts", "consents", "contactMessages", "complaints", "surveyAnswers", "photos",
        "professionalEmails", "clientDisclosures",
    ];

    [Fact]
    public async Task Should_create_a_candidate_with_a_record_in_every_record_set_and_read_it_back()
    {
        var client = await ClientAsync(Roles.Intake);
        var response = await client.PostAsync("/api/v1/candidates", Json(FullCandidate()));
        var body = await ExpectAsync(response, HttpStatusCode.Created);

        Assert.True((bool)body["created"]!);
        var id = (string)body["id"]!;
        Assert.Equal($"/api/v1/candidates/{id}", response.Headers.Location?.OriginalString);
        foreach (var set in AllSets)
            Assert.Equal(1, (int)body["records"]![set]!["added"]!);

        var read = await ExpectAsync(await client.GetAsync($"/api/v1/candidates/{id}"), HttpStatusCode.OK);
        Assert.Equal("ATS-1", (string)read["externalReference"]!);
        Assert.True((bool)read["hasNationalNumber"]!);
        foreach (var set in AllSets)
            Assert.Equal(1, (int)read["recordCounts"]![set]!);
        Assert.Equal("Logistiek Gent NV", (string)read["clientDisclosures"]![0]!["clientCompany"]!);
        Assert.Equal(0, (int)read["restrictedRecordsOmitted"]!);
        var counts = await App.WithDbAsync(async db => new
        {
            Audit = await db.AuditEvents.CountAsync(e => e.Type == "candidate.imported" && e.CandidateId == Guid.Parse(id)),
            Actor = await db.AuditEvents.Where(e => e.Type == "candidate.imported").Select(e => e.Actor).SingleAsync(),
        });
        Assert.Equal(1, counts.Audit);
        Assert.StartsWith("api:", counts.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_store_the_national_number_encrypted_and_never_echo_it()
    {
        var client = await ClientAsync(Roles.Intake);
        var response = await client.PostAsync("/api/v1/candidates", Json(FullCandidate()));
        var created = await ExpectAsync(response, HttpStatusCode.Created);
        var readText = await (await client.GetAsync($"/api/v1/candidates/{created["id"]}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("90041212377", readText, StringComparison.Ordinal);
        Assert.DoesNotContain("90.04.12", readText, StringComparison.Ordinal);
        string stored = "";
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDesk.Web.Data.PrivacyDeskDbContext>();
            stored = await db.Candidates.Select(c => c.NationalNumberEncrypted!).SingleAsync();
            var protector = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.CreateProtector(
                sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), "NationalNumber");
            Assert.Equal("90041212377", Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protector, stored));
        });
        Assert.DoesNotContain("900412", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_update_by_external_reference_without_duplicating_records()
    {
        var client = await ClientAsync(Roles.Intake);
        await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        var second = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate(email: "an.new@example.be"))), HttpStatusCode.OK);

        Assert.False((bool)second["created"]!);
        foreach (var set in AllSets)
        {
            Assert.Equal(0, (int)second["records"]![set]!["added"]!);
            Assert.Equal(1, (int)second["records"]![set]!["updated"]!);
        }
        var (candidates, email, assignments) = await App.WithDbAsync(async db =>
            (await db.Candidates.CountAsync(), await db.Candidates.Select(c => c.Email).SingleAsync(), await db.Assignments.CountAsync()));
        Assert.Equal(1, candidates);
        Assert.Equal("an.new@example.be", email);
        Assert.Equal(1, assignments);
    }

    [Fact]
    public async Task Should_not_revive_a_withdrawn_consent_on_a_later_push_CW()
    {
        var client = await ClientAsync(Roles.Intake);
        await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        await App.WithDbAsync(async db =>
            await db.Consents.ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAt, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).SetProperty(c => c.WithdrawalChannel, "portal")));

        await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.OK);

        var withdrawn = await App.WithDbAsync(db => db.Consents.Select(c => c.WithdrawnAt).SingleAsync());
        Assert.NotNull(withdrawn);
    }

    [Fact]
    public async Task Should_refuse_a_suppressed_person_with_409_and_store_nothing_ER8()
    {
        await SuppressAsync("an.peeters@example.be");
        var client = await ClientAsync(Roles.Intake);

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Conflict);

        Assert.Equal("ER-8", (string)problem["ruleId"]!);
        Assert.Equal("suppressed", (string)problem["code"]!);
        Assert.Contains("PD-2026-000001", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Should_match_the_suppression_list_on_the_national_number_too_ER8()
    {
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDesk.Web.Data.PrivacyDeskDbContext>();
            db.Suppressions.Add(sp.GetRequiredService<SuppressionList>().CreateEntry(new SuppressionList.Identifiers(null, null, "90041212377"),
                SuppressionReason.Erasure, "PD-2026-000009", new DateOnly(2026, 10, 1)));
            await db.SaveChangesAsync();
        });
        var client = await ClientAsync(Roles.Intake);

        await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate(email: "other@example.be"))), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Should_let_only_the_DPO_override_the_suppression_list_with_a_reason_and_audit_it_ER8()
    {
        await SuppressAsync("an.peeters@example.be");
        var overrideBody = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(FullCandidate(), PrivacyDesk.Web.Features.Api.ApiJson.Options))!;
        overrideBody["suppressionOverride"] = new JsonObject { ["reason"] = "New application on 2026-11-20: new lawful basis, Art. 14 notice sent." };

        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.PostAsync("/api/v1/candidates", Json(overrideBody.ToJsonString())), HttpStatusCode.Forbidden);
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.CountAsync()));

        var dpo = await ClientAsync(Roles.Dpo);
        var created = await ExpectAsync(await dpo.PostAsync("/api/v1/candidates", Json(overrideBody.ToJsonString())), HttpStatusCode.Created);

        var audit = await App.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Type == "candidate.suppression-overridden"));
        Assert.Equal(Guid.Parse((string)created["id"]!), audit.CandidateId);
        Assert.Contains("new lawful basis", audit.Data, StringComparison.Ordinal);
        Assert.StartsWith("api:", audit.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_404_for_a_restricted_candidate_and_refuse_updates_RS2()
    {
        var client = await ClientAsync(Roles.Intake);
        var created = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        await App.WithDbAsync(db => db.Candidates.ExecuteUpdateAsync(s => s.SetProperty(c => c.Restricted, true)));

        await ProblemAsync(await client.GetAsync($"/api/v1/candidates/{created["id"]}"), HttpStatusCode.NotFound);
        var refused = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("RS-2", (string)refused["ruleId"]!);
        Assert.Equal(1, await App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Should_leave_restricted_records_out_of_reads_and_untouched_by_pushes_RS2()
    {
        var client = await ClientAsync(Roles.Intake);
        var created = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Created);
        await App.WithDbAsync(db => db.Assignments.ExecuteUpdateAsync(s => s.SetProperty(a => a.Restricted, true)));

        var read = await ExpectAsync(await client.GetAsync($"/api/v1/candidates/{created["id"]}"), HttpStatusCode.OK);
        Assert.Equal(0, (int)read["recordCounts"]!["assignments"]!);
        Assert.Equal(1, (int)read["restrictedRecordsOmitted"]!);

        var again = await ExpectAsync(await client.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.OK);
        Assert.Equal(1, (int)again["records"]!["assignments"]!["skippedRestricted"]!);
        Assert.Equal(1, await App.WithDbAsync(db => db.Assignments.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Should_give_camelCase_field_errors_for_an_invalid_body()
    {
        var client = await ClientAsync(Roles.Intake);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(FullCandidate(nationalNumber: "12345678901"), PrivacyDesk.Web.Features.Api.ApiJson.Options))!;
        body["firstName"] = "";
        body["records"]!["consents"]![0]!["evidence"] = null;

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/candidates", Json(body.ToJsonString())), HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("firstName"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("nationalNumber"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("records.consents[0].evidence"), problem.ToJsonString());
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_without_a_key_401_with_a_wrong_role_403_and_an_unknown_id_404()
    {
        var anonymous = AnonymousClient();
        var unauthenticated = await ProblemAsync(await anonymous.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", (string)unauthenticated["code"]!);

        var badKey = AnonymousClient();
        badKey.DefaultRequestHeaders.Add("X-Api-Key", "pd_00000000_notarealkeynotarealkeynotarealkeynotarealk");
        await ProblemAsync(await badKey.GetAsync($"/api/v1/candidates/{Guid.NewGuid()}"), HttpStatusCode.Unauthorized);

        var backOffice = await ClientAsync(Roles.BackOffice);
        await ProblemAsync(await backOffice.PostAsync("/api/v1/candidates", Json(FullCandidate())), HttpStatusCode.Forbidden);
        var admin = await ClientAsync(Roles.Admin);
        await ProblemAsync(await admin.GetAsync($"/api/v1/candidates/{Guid.NewGuid()}"), HttpStatusCode.Forbidden);

        var intake = await ClientAsync(Roles.Intake);
        await ProblemAsync(await intake.GetAsync($"/api/v1/candidates/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await intake.GetAsync("/api/v1/candidates/not-a-guid"), HttpStatusCode.NotFound);
        Assert.Equal(0, await App.WithDbAsync(db => db.Candidates.CountAsync()));
    }

    [Fact]
    public async Task Should_ignore_a_staff_cookie_on_the_api()
    {
        using var session = new HtmlSession(App);
        await session.SignInAsync(Roles.Dpo);

        var response = await session.Client.GetAsync($"/api/v1/candidates/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task SuppressAsync(string email) => App.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PrivacyDesk.Web.Data.PrivacyDeskDbContext>();
        db.Suppressions.Add(sp.GetRequiredService<SuppressionList>().CreateEntry(new SuppressionList.Identifiers(email, null, null),
            SuppressionReason.Erasure, "PD-2026-000001", new DateOnly(2026, 10, 1)));
        await db.SaveChangesAsync();
    });
}
