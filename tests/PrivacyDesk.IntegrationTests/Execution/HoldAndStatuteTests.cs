using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Execution;

/// <summary>
/// LH-7 with 17(3)(b): lifting a hold releases the erasures it deferred, but records a statutory period
/// still keeps stay until that period ends.
/// </summary>
public sealed class HoldAndStatuteTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_release_held_erasures_on_lift_but_keep_payroll_until_its_statutory_date_LH7_ER2()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddCandidateAsync(c =>
        {
            c.EmploymentStatus = EmploymentStatus.FormerWorker;
            c.LastWorkingDay = new DateOnly(2024, 6, 30);
            foreach (var a in c.Assignments)
                a.EndDate = new DateOnly(2024, 6, 30);
        });
        var holdId = await App.SendAsync(new PlaceLegalHold.Command
        {
            CandidateId = worker.Id, AllPurposes = true, Reason = LegalHoldReason.Litigation, ExternalReference = "AR/2026/77",
            Description = "Labour court claim", Justification = "The claim concerns the whole employment", EndCondition = "Final judgment",
            ReviewOn = new DateOnly(2027, 3, 1),
        }, Roles.Dpo);
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        // While held, nothing is erased (LH-3); payroll is scheduled only after its statutory period (2029-12-31).
        var payroll = await App.WithDbAsync(db => db.PayrollRecords.IgnoreQueryFilters().Where(p => p.CandidateId == worker.Id).ToListAsync());
        Assert.NotEmpty(payroll);
        Assert.All(payroll, p => Assert.Equal(new DateOnly(2030, 1, 1), p.ScheduledErasureOn));
        Assert.True(await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AnyAsync(s => s.CandidateId == worker.Id)));

        await App.SendAsync(new LiftLegalHold.Command { HoldId = holdId, Reason = "Claim settled" }, Roles.Dpo);

        Assert.False(await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AnyAsync(s => s.CandidateId == worker.Id)));
        Assert.Equal(payroll.Count, await App.WithDbAsync(db => db.PayrollRecords.IgnoreQueryFilters().CountAsync(p => p.CandidateId == worker.Id)));
        Assert.True(await App.WithDbAsync(db => db.TaxRecords.IgnoreQueryFilters().AnyAsync(t => t.CandidateId == worker.Id)));
    }
}
