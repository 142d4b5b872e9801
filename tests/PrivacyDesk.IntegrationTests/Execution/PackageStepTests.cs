using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Execution;

namespace PrivacyDesk.IntegrationTests.Execution;

/// <summary>2.0.8: in a combined case the access and portability snapshots are taken before erasure.</summary>
public sealed class PackageStepTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_build_the_access_report_before_erasing_in_a_combined_case_2_0_8()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Access, RequestType.Erasure);
        await App.DecideAsync(request.Id);

        var result = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        Assert.Equal(RequestStatus.InExecution, result.Status); // ER-10: completes once its Art. 19 tasks are finished
        var package = await App.WithDbAsync(db => db.Packages.SingleAsync(p => p.RequestId == request.Id));
        Assert.Equal(PackageKind.AccessReport, package.Kind);
        var report = System.Text.Encoding.UTF8.GetString(package.Content);
        // The report still holds data the erasure step removed afterwards.
        Assert.Contains(candidate.Applications[0].VacancyTitle, report, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Applications.IgnoreQueryFilters().AnyAsync(a => a.CandidateId == candidate.Id)));
        Assert.True(await App.WithDbAsync(db => db.Outbox.AnyAsync(m => m.RequestId == request.Id && m.Template == "download-ready")));
        Assert.All(await App.WithDbAsync(db => db.SubRequests.Where(s => s.RequestId == request.Id).ToListAsync()), s => Assert.NotNull(s.ExecutedAt));
    }

    [Fact]
    public async Task Should_build_the_package_once_when_execution_runs_twice()
    {
        await App.ImportPackAsync("asap");
        var candidate = await App.AddCandidateAsync();
        var request = await App.AddRequestAsync(candidate, RequestType.Portability);
        await App.DecideAsync(request.Id);

        await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);
        var second = await App.SendAsync(new ExecutePlan.Command { RequestId = request.Id }, Roles.BackOffice);

        Assert.True(second.AlreadyDone);
        Assert.Equal(1, await App.WithDbAsync(db => db.Packages.CountAsync(p => p.RequestId == request.Id && p.Kind == PackageKind.PortabilityArchive)));
    }
}
