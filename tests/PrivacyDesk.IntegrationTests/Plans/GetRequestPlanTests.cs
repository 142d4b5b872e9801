using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Plans;

public sealed class GetRequestPlanTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_keep_payroll_restricted_until_end_of_year_plus_five_for_an_asap_worker_erasure_ER2()
    {
        await App.ImportPackAsync("asap");
        var worker = await App.AddCandidateAsync(c =>
        {
            c.LastWorkingDay = new DateOnly(2024, 6, 30);
            c.EmploymentStatus = PrivacyDesk.Domain.Candidates.EmploymentStatus.FormerWorker;
            foreach (var a in c.Assignments)
                a.EndDate = new DateOnly(2024, 6, 30);
        });
        var request = await App.AddRequestAsync(worker, RequestType.Erasure);

        var result = await App.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Dpo);

        var plan = Assert.Single(result.SubRequests).Plan;
        var payroll = plan.Lines.Where(l => l.RecordSet == RecordSet.PayrollRecords).ToList();
        Assert.NotEmpty(payroll);
        Assert.All(payroll, l => Assert.Equal(PlanOutcome.KeepRestrictedUntil, l.Outcome));
        Assert.Contains(payroll, l => l.KeepUntil == new DateOnly(2029, 12, 31));
        Assert.Contains(plan.Lines, l => l.RecordSet == RecordSet.SurveyAnswers && l.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise);
        Assert.All(plan.Lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Article)));
    }

    [Fact]
    public async Task Should_refuse_the_plan_to_a_role_without_access()
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Access);

        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetRequestPlan.Query { RequestId = Guid.NewGuid() }, Roles.Dpo));
    }

    [Fact]
    public async Task Should_say_plainly_when_no_data_are_held()
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(null, RequestType.Access);

        var result = await App.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Dpo);

        Assert.True(Assert.Single(result.SubRequests).Plan.NoDataHeld);
    }
}
