using System.Reflection;
using MediatR;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Pipeline;

/// <summary>Authorization fails closed: every request type says who may send it, [RequiresRole] or [Public].</summary>
public sealed class AuthorizationCoverageTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Request types (MediatR IRequest) that declare neither attribute, or both.</summary>
    public static IReadOnlyList<string> Undeclared(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseRequest).IsAssignableFrom(t))
            .Where(t => (t.GetCustomAttribute<RequiresRoleAttribute>() is { Roles.Count: > 0 }) == (t.GetCustomAttribute<PublicAttribute>() is not null))
            .Select(t => t.FullName ?? t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Should_find_requires_role_or_public_on_every_request_type_of_the_app()
    {
        var types = typeof(PublicAttribute).Assembly.GetTypes().Count(t => typeof(IBaseRequest).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        Assert.True(types > 50, $"only {types} request types found: the scan looks in the wrong place");

        Assert.Empty(Undeclared(typeof(PublicAttribute).Assembly));
    }

    [Fact]
    public void Should_report_a_request_type_that_declares_neither()
    {
        Assert.Contains(typeof(PipelineProbe.Undeclared).FullName!, Undeclared(typeof(PipelineProbe).Assembly));
        Assert.DoesNotContain(typeof(PipelineProbe.Command).FullName!, Undeclared(typeof(PipelineProbe).Assembly));
    }

    [Fact]
    public async Task Should_refuse_a_request_type_that_declares_neither_even_to_every_role()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new PipelineProbe.Undeclared(), Roles.Dpo, Roles.BackOffice, Roles.Admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new PipelineProbe.Undeclared()));
    }
}
