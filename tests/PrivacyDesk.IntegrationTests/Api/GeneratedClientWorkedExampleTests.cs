using System.Net;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using PrivacyDesk.ApiClient;
using PrivacyDesk.ApiClient.Models;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>
/// docs/api.md's worked examples 1 and 2 through the Kiota-generated client (samples/PrivacyDesk.ApiClient):
/// push a candidate, register a postal request, verify, decide, execute, finish the tasks, answer, close.
/// Every answer is also checked against the OpenAPI document on the way (<see cref="ContractCheckingHandler"/>).
/// </summary>
public sealed class GeneratedClientWorkedExampleTests(AppFixture app) : ApiTest(app)
{
    private async Task<PrivacyDeskClient> ClientForAsync(string role)
    {
        var http = ContractClient(App);
        var key = (await App.SendAsync(new PrivacyDesk.Web.Features.Api.CreateApiKey.Command { Name = role + "-kiota-" + Guid.NewGuid().ToString("N")[..6], Role = role }, Roles.Admin)).Key;
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = "http://localhost" };
        return new PrivacyDeskClient(adapter);
    }

    [Fact]
    public async Task Should_run_the_worked_example_of_docs_api_md_through_the_generated_client()
    {
        var admin = await ClientAsync(Roles.Admin);
        await ExpectAsync(await admin.PostAsync("/api/v1/policy", Json(PrivacyDesk.Web.DemoData.PolicyPacks.Read("asap"))), HttpStatusCode.OK);
        var ats = await ClientForAsync(Roles.Intake);
        var dpo = await ClientForAsync(Roles.Dpo);
        var backOffice = await ClientForAsync(Roles.BackOffice);

        var candidate = await ats.Api.V1.Candidates.PostAsync(new UpsertCandidateBody
        {
            ExternalReference = "ATS-10042", FirstName = "An", LastName = "Peeters", Email = "an.peeters@example.be", Phone = "+32470123456",
            DateOfBirth = new Date(1990, 4, 12), Language = "nl", City = "Gent", Country = "BE", EmploymentStatus = EmploymentStatus.FormerWorker,
            LastWorkingDay = new Date(2025, 6, 30), Source = "ATS",
            Records = new CandidateRecordsInput
            {
                Applications = [new ApplicationInput { VacancyTitle = "Magazijnier", VacancyReference = "V-881", AppliedOn = new Date(2025, 1, 10), Status = "Hired" }],
                Assignments = [new AssignmentInput { ClientCompany = "Logistiek Gent NV", JobTitle = "Magazijnier", StartDate = new Date(2025, 2, 1), EndDate = new Date(2025, 6, 30), HourlyWage = 15.20 }],
            },
        });
        Assert.NotNull(candidate?.Id);
        Assert.True(candidate.Created);

        var registered = await ats.Api.V1.Requests.PostAsync(new RegisterRequestBody
        {
            Types = [RequestType.Erasure], Channel = Channel.Post, ReceivedAt = DateTimeOffset.Parse("2026-11-16T10:15:00+01:00", System.Globalization.CultureInfo.InvariantCulture),
            Language = "nl",
            Requester = new RegisterRequestRequesterInput { FirstName = "An", LastName = "Peeters", Email = "an.peeters@example.be", Phone = "+32470123456", DateOfBirth = new Date(1990, 4, 12) },
            Details = new SubRequestDetails(),
        });
        Assert.NotNull(registered?.Id);
        Assert.Equal(RequestStatus.Received, registered.Status);
        Assert.Equal(new Date(2026, 12, 16), registered.DueOn);
        Assert.True(registered.ReceiptDateFlagged);
        var request = dpo.Api.V1.Requests[registered.Id!.Value];

        var verified = await request.Identity.PostAsync(new IdentityInput
        {
            Action = IdentityAction.Verify, CandidateId = candidate.Id, Method = "Signed letter; name, date of birth and address match the ATS record",
            Why = "Same name, date of birth, e-mail address and phone number",
        });
        Assert.Equal(IdentityStatus.Verified, verified?.IdentityStatus);

        // A stale version is refused with the typed 409 problem, and nothing is saved.
        var stale = await Assert.ThrowsAnyAsync<ApiException>(() => request.Decision.PostAsync(new DecisionInput { Outcome = DecisionOutcome.Approved, Version = 1 }));
        Assert.Equal(409, stale.ResponseStatusCode);
        var current = await request.GetAsync();
        Assert.Equal(RequestStatus.InReview, current?.Status);

        var decided = await request.Decision.PostAsync(new DecisionInput { Outcome = DecisionOutcome.Approved, Version = current!.Version });
        Assert.Equal(RequestStatus.Approved, decided?.Status);

        var asBackOffice = backOffice.Api.V1.Requests[registered.Id.Value];
        var executed = await asBackOffice.Execution.PostAsync();
        Assert.Equal(RequestStatus.InExecution, executed?.Status); // ER-10: complete once the tasks below are finished
        Assert.False(executed!.AlreadyDone);
        var tasks = executed.Tasks!;
        Assert.Contains(tasks, t => t.Kind == WorkTaskKind.EraseInExternalSystem);
        foreach (var task in tasks.Where(t => t.Kind != WorkTaskKind.SendFinalAnswer))
        {
            var finished = await backOffice.Api.V1.Tasks[task.Id!.Value].Finish.PostAsync(new FinishTaskInput { Status = WorkTaskStatus.Done, Note = "Prepared message sent on 2026-11-23; proof filed." });
            Assert.Equal(WorkTaskStatus.Done, finished?.Status);
        }

        var answered = await asBackOffice.FinalAnswer.PostAsync();
        Assert.Equal("final-answer-completed", answered?.Template);

        var closed = await asBackOffice.Close.PostAsync();
        Assert.Equal(RequestStatus.Closed, closed?.Status);
        Assert.Equal(registered.Reference, closed!.Reference);
    }
}
