using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.IntegrationTests.Hardening;

/// <summary>
/// A validator that lets through more characters than the column holds turns long input into a 500 instead of a
/// clear message. Every MaximumLength in the app's validators (child validators included) is compared with the
/// column it fills: a property of the same name (or Requester + name) on the entity the rule is about — the
/// entity named by the child collection (Complaints → Complaint) or by the command (PlaceLegalHold → LegalHold,
/// or the aliases below).
/// </summary>
public sealed class ValidatorLengthTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>Commands whose name does not contain the entity they write.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["RegisterRequest"] = ["DataSubjectRequest"],
        ["New"] = ["DataSubjectRequest"],
        ["SavePurpose"] = ["ProcessingPurpose"],
        ["Purposes"] = ["ProcessingPurpose"],
        ["PackValidator"] = ["PolicyPack"],
        ["Create"] = ["StaffUser"],
    };

    /// <summary>Same entity, same name, another thing: the free-text reason of a lift or review is audited, not the hold's reason code.</summary>
    private static readonly HashSet<string> Unrelated = new(StringComparer.Ordinal)
    {
        "LiftLegalHold.Reason->LegalHold",
        "ReviewLegalHold.Reason->LegalHold",
    };

    public sealed record Limit(string Validator, string Property, int Max);

    public static IEnumerable<Limit> Limits(IServiceProvider services)
    {
        foreach (var scan in AssemblyScanner.FindValidatorsInAssembly(typeof(PrivacyDeskDbContext).Assembly))
        {
            var validator = services.GetServices(scan.InterfaceType).OfType<IValidator>().FirstOrDefault(v => v.GetType() == scan.ValidatorType);
            if (validator is null)
                continue;
            foreach (var limit in LimitsOf(validator, scan.ValidatorType.FullName!, 0))
                yield return limit;
        }
    }

    private static IEnumerable<Limit> LimitsOf(IValidator validator, string name, int depth)
    {
        if (depth > 4)
            yield break;
        foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
        {
            foreach (var (component, _) in member)
            {
                if (component is ILengthValidator { Max: > 0 } length)
                    yield return new Limit(name, member.Key.Split('.')[^1], length.Max);
                if (component is IChildValidatorAdaptor)
                {
                    foreach (var child in ChildValidators(component))
                    {
                        foreach (var limit in LimitsOf(child, name + "/" + member.Key, depth + 1))
                            yield return limit;
                    }
                }
            }
        }
    }

    private static IEnumerable<IValidator> ChildValidators(object adaptor)
    {
        for (var type = adaptor.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                if (field.GetValue(adaptor) is IValidator child)
                    yield return child;
            }
        }
    }

    /// <summary>What the rule is about: the innermost child collection (singular), else the command's own type names.</summary>
    private static IEnumerable<string> Owners(Limit limit)
    {
        var path = limit.Validator.Split('/');
        if (path.Length > 1)
        {
            var collection = path[^1].Split('.')[^1];
            yield return collection;
            yield return collection.EndsWith('s') ? collection[..^1] : collection;
            yield break;
        }
        foreach (var name in path[0].Split('.')[^1].Split('+').Reverse().Where(n => n is not "Validator" and not "Command"))
            yield return name.EndsWith("Validator", StringComparison.Ordinal) && name != "PackValidator" ? name[..^"Validator".Length] : name;
    }

    [Fact]
    public async Task Should_allow_no_more_characters_than_the_column_of_the_same_name_holds()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var columns = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => (Entity: e.ClrType.Name, p.Name, Max: p.GetMaxLength())))
            .Where(c => c.Max is not null)
            .ToList();
        var limits = Limits(scope.ServiceProvider).ToList();
        Assert.True(limits.Count > 100, $"only {limits.Count} length rules found: the scan misses validators");
        Assert.Contains(limits, l => l.Validator.Contains("RegisterRequest", StringComparison.Ordinal) && l.Property == "Description");

        var tooLong = (
            from limit in limits
            from column in columns
            where (column.Name == limit.Property || column.Name == "Requester" + limit.Property) && limit.Max > column.Max
            where Owners(limit).Any(o => o == column.Entity || o.Contains(column.Entity, StringComparison.Ordinal) || Aliases.GetValueOrDefault(o, []).Contains(column.Entity))
            let key = $"{Owners(limit).First()}.{limit.Property}->{column.Entity}"
            where !Unrelated.Contains(key)
            select $"{limit.Validator}.{limit.Property} allows {limit.Max}, {column.Entity}.{column.Name} holds {column.Max} ({key})")
            .Distinct()
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }
}
