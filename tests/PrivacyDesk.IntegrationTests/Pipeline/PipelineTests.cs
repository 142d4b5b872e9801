using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Pipeline;

public sealed class PipelineTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_commit_a_valid_command_sent_with_the_role()
    {
        var id = await App.SendAsync(new PipelineProbe.Command { Code = "ok" }, Roles.Dpo);

        Assert.True(await App.WithDbAsync(db => db.Recipients.AnyAsync(r => r.Id == id)));
    }

    [Fact]
    public async Task Should_reject_an_invalid_command_with_field_errors_and_change_nothing()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(new PipelineProbe.Command { Code = "far-too-long-code" }, Roles.Dpo));

        Assert.Contains(ex.Errors, e => e.PropertyName == "Code");
        Assert.Equal(0, await App.WithDbAsync(db => db.Recipients.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_a_command_sent_without_the_required_role()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new PipelineProbe.Command { Code = "x" }, Roles.BackOffice));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new PipelineProbe.Command { Code = "x" }));

        Assert.Equal(0, await App.WithDbAsync(db => db.Recipients.CountAsync()));
    }

    [Fact]
    public async Task Should_roll_back_everything_a_failing_handler_wrote()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            App.SendAsync(new PipelineProbe.Command { Code = "boom", FailAfterSaving = true }, Roles.Dpo));

        Assert.Equal(0, await App.WithDbAsync(db => db.Recipients.CountAsync()));
    }

    [Fact]
    public async Task Should_check_roles_before_validation_so_an_anonymous_caller_learns_nothing()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = "" }));
    }
}
