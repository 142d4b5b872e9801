using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.IntegrationTests.Execution;

public sealed class ExecutePlanTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(PrivacyDesk.Domain.Candidates.Candidate Worker, DataSubjectRequest Request)> ApprovedErasureAsync()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync();
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);
        return (worker, request);
    }

    private async Task<object> SnapshotAsync(Guid candidateId, Guid requestId) => await App.WithDbAsync(async db => (object)new
    {
        Records = await App.CountRecordsAsync(candidateId),
        Restricted = await db.PayrollRecords.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId && r.Restricted),
        Ledger = string.Join(";", await db.ErasureLedger.Where(l => l.CandidateId == candidateId).OrderBy(l => l.RecordSet).ThenBy(l => l.Action)
            .Select(l => l.RecordSet + ":" + l.Action + ":" + l.Count).ToListAsync()),
        Suppressions = await db.Suppressions.CountAsync(),
        Tasks = await db.Tasks.CountAsync(t => t.RequestId == requestId),
        Name = await db.Candidates.IgnoreQueryFilters().Where(c => c.Id == candidateId).Select(c => c.FirstName + "|" + c.Email + "|" + c.AnonymisedAt).FirstAsync(),
    });

    [Fact]
    public async Task Should_give_the_same_result_when_an_erasure_is_executed_twice_ER5()
    {
        var (worker, request) = await ApprovedErasureAsync();

        var first = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        var afterOnce = await SnapshotAsync(worker.Id, request.Id);
        var second = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        var afterTwice = await SnapshotAsync(worker.Id, request.Id);

        Assert.Equal(RequestStatus.InExecution, first.Status); // ER-10: completes once its Art. 19 tasks are finished
        Assert.True(second.AlreadyDone);
        Assert.Equal(afterOnce, afterTwice);
        await App.WithDbAsync(async db =>
        {
            var candidate = await db.Candidates.IgnoreQueryFilters().FirstAsync(c => c.Id == worker.Id);
            // ER-7: the minimal identity linking the kept payroll stays, restricted; contact data are erased.
            Assert.Null(candidate.Email);
            Assert.Null(candidate.Phone);
            Assert.Equal(worker.LastName, candidate.LastName);
            Assert.True(candidate.Restricted);
            Assert.Equal(0, await db.Applications.IgnoreQueryFilters().CountAsync(a => a.CandidateId == worker.Id));
            // ER-7: the statutory payroll remainder stays, restricted, scheduled for the day after 2029-12-31.
            var payroll = await db.PayrollRecords.IgnoreQueryFilters().Where(p => p.CandidateId == worker.Id).ToListAsync();
            Assert.NotEmpty(payroll);
            Assert.All(payroll, p => Assert.True(p.Restricted));
            Assert.Contains(payroll, p => p.ScheduledErasureOn == new DateOnly(2030, 1, 1));
            Assert.Contains(await db.ErasureLedger.Where(l => l.RequestId == request.Id).ToListAsync(), l => l.Action == LedgerAction.Deleted && l.Count > 0);
            return 0;
        });
    }

    [Fact]
    public async Task Should_leave_no_half_erased_candidate_when_the_erasure_crashes_midway()
    {
        var (worker, request) = await ApprovedErasureAsync();
        var before = await App.CountRecordsAsync(worker.Id);
        var hooks = App.Factory.Services.GetRequiredService<ExecutionHooks>();
        hooks.OnStep = point =>
        {
            if (point == "erasure.saved")
                throw new InvalidOperationException("injected crash after the deletes were written");
        };
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice));
        }
        finally
        {
            hooks.OnStep = null;
        }

        Assert.Equal(before, await App.CountRecordsAsync(worker.Id));
        await App.WithDbAsync(async db =>
        {
            var candidate = await db.Candidates.IgnoreQueryFilters().FirstAsync(c => c.Id == worker.Id);
            Assert.Equal(worker.Email, candidate.Email);
            Assert.Null(candidate.AnonymisedAt);
            Assert.False(await db.PayrollRecords.IgnoreQueryFilters().AnyAsync(p => p.CandidateId == worker.Id && p.Restricted));
            Assert.Equal(0, await db.ErasureLedger.CountAsync());
            Assert.Equal(0, await db.Suppressions.CountAsync());
            var saved = await db.Requests.FirstAsync(r => r.Id == request.Id);
            Assert.Equal(RequestStatus.InExecution, saved.Status); // the start step committed; the failed step did not
            Assert.Null(Assert.Single(saved.SubRequests).ExecutedAt);
            return 0;
        });

        var retry = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        Assert.Equal(RequestStatus.InExecution, retry.Status); // ER-10: completes once its Art. 19 tasks are finished
        Assert.True(await App.CountRecordsAsync(worker.Id) < before);
    }

    [Fact]
    public async Task Should_keep_a_suppression_entry_that_finds_the_erased_person_by_email_and_phone_ER8()
    {
        var (worker, request) = await ApprovedErasureAsync();

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        await App.WithScopeAsync(async sp =>
        {
            var list = sp.GetRequiredService<SuppressionList>();
            var byEmail = await list.FindAsync(new SuppressionList.Identifiers(worker.Email!.ToUpperInvariant(), null, null), CancellationToken.None);
            var byPhone = await list.FindAsync(new SuppressionList.Identifiers(null, worker.Phone, null), CancellationToken.None);
            Assert.NotNull(byEmail);
            Assert.Equal(SuppressionReason.Erasure, byEmail.Reason);
            Assert.Equal(request.Reference, byEmail.RequestReference);
            Assert.NotNull(byPhone);
            Assert.Null(await list.FindAsync(new SuppressionList.Identifiers("someone.else@example.be", null, null), CancellationToken.None));
        });
    }

    [Fact]
    public async Task Should_create_one_Art19_task_per_processor_and_per_client_company_in_the_ledger()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c =>
        {
            c.ClientDisclosures.Clear();
            foreach (var (client, day) in new[] { ("Acme NV", 1), ("Acme NV", 20), ("Brouwerij De Vos", 40) })
                c.ClientDisclosures.Add(new PrivacyDesk.Domain.Candidates.ClientDisclosure { CandidateId = c.Id, ClientCompany = client, DisclosedOn = new DateOnly(2023, 1, day % 28 + 1), PurposeCode = "client-presentation", CollectedOn = new DateOnly(2023, 1, day % 28 + 1) });
        });
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        var tasks = await App.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.RequestId == request.Id).ToListAsync());
        var notify = tasks.Where(t => t.Kind == WorkTaskKind.NotifyRecipient).ToList();
        Assert.Single(notify, t => t.Title.Contains("Acme NV", StringComparison.Ordinal));
        Assert.Single(notify, t => t.Title.Contains("Brouwerij De Vos", StringComparison.Ordinal));
        // Processors of the purposes acted on (e.g. the social secretariat for the payroll kept restricted, the survey firm).
        Assert.Contains(notify, t => t.RecipientId != null && t.Title.Contains("IPG Contact Solutions", StringComparison.Ordinal));
        Assert.DoesNotContain(notify, t => t.Title.Contains("Client companies (user undertakings)", StringComparison.Ordinal));
        Assert.Equal(notify.Count, notify.Select(t => t.Title).Distinct().Count());
        Assert.All(notify, t =>
        {
            Assert.Contains(request.Reference, t.PreparedMessage, StringComparison.Ordinal);
            Assert.Contains("art. 19 AVG", t.PreparedMessage, StringComparison.Ordinal); // the controller's default language, nl
            Assert.Contains("Art. 19", t.PlanLine, StringComparison.Ordinal);
        });
        Assert.Single(tasks, t => t.Kind == WorkTaskKind.SendFinalAnswer);
        Assert.Single(tasks, t => t.Kind == WorkTaskKind.EraseInExternalSystem);
    }

    [Fact]
    public async Task Should_record_before_and_after_of_a_rectification_and_add_a_statement_to_an_opinion_RECT1_RECT3()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddFormerWorkerAsync(c => c.City = "Gent");
        var noteId = worker.InterviewNotes.First().Id;
        var request = await App.AddRequestAsync(worker, RequestType.Rectification);
        await App.SetDetailsAsync(request.Id, """
            {"corrections":[{"recordSet":0,"field":"City","currentValue":"Gent","newValue":"Brugge"},
                            {"recordSet":9,"field":"Note","currentValue":null,"newValue":"I was not late; the train was cancelled."}]}
            """);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        await App.WithDbAsync(async db =>
        {
            Assert.Equal("Brugge", await db.Candidates.IgnoreQueryFilters().Where(c => c.Id == worker.Id).Select(c => c.City).FirstAsync());
            var note = await db.InterviewNotes.IgnoreQueryFilters().FirstAsync(n => n.Id == noteId);
            Assert.Equal("I was not late; the train was cancelled.", note.CandidateStatement);
            Assert.Equal(worker.InterviewNotes.First().Note, note.Note); // the opinion itself is unchanged
            var applied = await db.AuditEvents.Where(e => e.Type == "rectification.applied").Select(e => e.Data).SingleAsync();
            Assert.Contains("\"before\": \"Gent\"", applied, StringComparison.Ordinal);
            Assert.Contains("\"after\": \"Brugge\"", applied, StringComparison.Ordinal);
            Assert.Contains(await db.Tasks.Where(t => t.RequestId == request.Id).ToListAsync(), t => t.Kind == WorkTaskKind.NotifyRecipient);
            return 0;
        });
    }

    [Fact]
    public async Task Should_refuse_execution_to_a_role_without_back_office_rights()
    {
        var (_, request) = await ApprovedErasureAsync();
        await Assert.ThrowsAsync<PrivacyDesk.Web.Infrastructure.Mediation.ForbiddenException>(
            () => App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.Admin));
    }
}
