using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.IntegrationTests.Execution;

internal static class ExecutionScenario
{
    /// <summary>A former ASAP worker whose last working day was 2024-06-30 (payroll kept until 2029-12-31).</summary>
    public static Task<Candidate> AddFormerWorkerAsync(this AppFixture app, Action<Candidate>? tweak = null) =>
        app.AddCandidateAsync(c =>
        {
            c.LastWorkingDay = new DateOnly(2024, 6, 30);
            c.EmploymentStatus = EmploymentStatus.FormerWorker;
            foreach (var a in c.Assignments)
                a.EndDate = new DateOnly(2024, 6, 30);
            tweak?.Invoke(c);
        });

    /// <summary>The DPO's decision, through the domain method (the decision page belongs to another area).</summary>
    public static async Task DecideAsync(this AppFixture app, Guid requestId, DecisionOutcome outcome = DecisionOutcome.Approved, string? reason = null,
        Action<DataSubjectRequest>? before = null)
    {
        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.FirstAsync(r => r.Id == requestId);
            before?.Invoke(request);
            request.Decide(outcome, reason, app.Clock.GetUtcNow(), "dpo@test.local");
            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>The back office finishes every open task except the final answer (ER-10: the case then completes).</summary>
    public static async Task FinishTasksAsync(this AppFixture app, Guid requestId, Func<WorkTask, (WorkTaskStatus, string?)>? how = null)
    {
        var open = await app.WithDbAsync(db => db.Tasks.AsNoTracking()
            .Where(t => t.RequestId == requestId && t.Status == WorkTaskStatus.Open && t.Kind != WorkTaskKind.SendFinalAnswer && t.Kind != WorkTaskKind.ReviewProfessionalEmails)
            .OrderBy(t => t.Title).ToListAsync());
        foreach (var task in open)
        {
            var (status, note) = how?.Invoke(task) ?? (WorkTaskStatus.Done, "Sent; proof kept.");
            await app.SendAsync(new FinishTask.Command { TaskId = task.Id, Status = status, Note = note }, PrivacyDesk.Domain.Common.Roles.BackOffice);
        }
    }

    public static async Task SetDetailsAsync(this AppFixture app, Guid requestId, string detailsJson)
    {
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE sub_requests SET details_json = {detailsJson}::jsonb WHERE request_id = {requestId}"));
    }

    public static Task<int> CountRecordsAsync(this AppFixture app, Guid candidateId) => app.WithDbAsync(async db =>
        await db.Applications.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.CandidateDocuments.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.WorkExperience.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.PayrollRecords.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.SurveyAnswers.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.ProfessionalEmails.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.ClientDisclosures.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.Consents.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.Photos.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId)
        + await db.InterviewNotes.IgnoreQueryFilters().CountAsync(r => r.CandidateId == candidateId));
}
