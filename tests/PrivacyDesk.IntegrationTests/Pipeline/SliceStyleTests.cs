using System.Reflection;
using FluentValidation;
using MediatR;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Pipeline;

/// <summary>
/// One slice style (docs/architecture.md): a page binds, sends and renders; its queries, commands, validators
/// and handlers live in a slice in Features/&lt;Area&gt;/&lt;Verb&gt;.cs, never nested in the PageModel. Held here for
/// every page of the app: portal, staff workspace, back office, admin and account pages.
/// </summary>
public sealed class SliceStyleTests
{
    /// <summary>Every page namespace: the portal, the staff workspace, the back office, the admin and the account pages.</summary>
    private static readonly string[] ThinPageNamespaces = typeof(PublicAttribute).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(ns => ns == "PrivacyDesk.Web.Pages" || ns.StartsWith("PrivacyDesk.Web.Pages.", StringComparison.Ordinal))
        .Distinct()
        .ToArray();

    /// <summary>Request, validator and handler types declared in one of <paramref name="namespaces"/> (nested types included).</summary>
    public static IReadOnlyList<string> SliceTypesIn(Assembly assembly, IReadOnlyCollection<string> namespaces) =>
        assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && namespaces.Contains(ns))
            .Where(t => typeof(IBaseRequest).IsAssignableFrom(t) || typeof(IValidator).IsAssignableFrom(t)
                || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            .Select(t => t.FullName ?? t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Should_find_no_query_command_validator_or_handler_in_any_page()
    {
        var pages = typeof(PublicAttribute).Assembly.GetTypes().Count(t => t.Namespace is { } ns && ThinPageNamespaces.Contains(ns));
        Assert.True(pages > 40, $"only {pages} page types found: the scan looks in the wrong place");

        Assert.Empty(SliceTypesIn(typeof(PublicAttribute).Assembly, ThinPageNamespaces));
    }

    [Fact]
    public void Should_report_a_command_validator_and_handler_nested_where_a_page_would_be()
    {
        var found = SliceTypesIn(typeof(PipelineProbe).Assembly, [typeof(PipelineProbe).Namespace!]);

        Assert.Contains(typeof(PipelineProbe.Command).FullName!, found);
        Assert.Contains(typeof(PipelineProbe.Validator).FullName!, found);
        Assert.Contains(typeof(PipelineProbe.Handler).FullName!, found);
    }
}
