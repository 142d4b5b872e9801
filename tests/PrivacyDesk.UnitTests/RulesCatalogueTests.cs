using System.Text.RegularExpressions;

namespace PrivacyDesk.UnitTests;

/// <summary>
/// docs/rules.md is the catalogue of the rules (rule IDs) the app follows. It stays true: every rule it lists as
/// implemented has a test naming it (as "ER-2" or, in a method name, "ER2"), and every rule ID that code in src/
/// names is in the catalogue.
/// </summary>
public sealed partial class RulesCatalogueTests
{
    private static readonly string Root = FindRoot();

    [GeneratedRegex(@"(?<![A-Za-z0-9-])(ACC|CLK|CW|DL|ER|EXT|FEE|ID|LH|OB|PO|RECT|RET|RS)-(\d+|[A-Z][A-Z0-9]+)(?![A-Za-z0-9])")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^\|\s*([A-Z]+-[A-Z0-9]+)\s*\|")]
    private static partial Regex CatalogueRow();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrivacyDesk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PrivacyDesk.sln not found above the test binaries.");
    }

    /// <summary>Rule IDs per section of docs/rules.md ("## Implemented", "## Partly automated", "## Deliberately not automated").</summary>
    private static Dictionary<string, List<string>> Catalogue()
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var current = "";
        foreach (var line in File.ReadLines(Path.Combine(Root, "docs", "rules.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                current = line[3..].Trim();
            else if (CatalogueRow().Match(line) is { Success: true } row)
            {
                if (!sections.TryGetValue(current, out var ids))
                    sections[current] = ids = [];
                ids.Add(row.Groups[1].Value);
            }
        }
        return sections;
    }

    private static IEnumerable<string> Files(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal));

    [Fact]
    public void Should_list_each_rule_once_in_one_section()
    {
        var all = Catalogue().SelectMany(s => s.Value).ToList();

        Assert.True(all.Count > 100, $"docs/rules.md lists only {all.Count} rules");
        Assert.Empty(all.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(all, id => Assert.Matches(RuleId(), id));
        Assert.Contains("Implemented", Catalogue().Keys);
        Assert.Contains("Deliberately not automated", Catalogue().Keys);
    }

    [Fact]
    public void Should_have_a_test_naming_every_rule_the_catalogue_calls_implemented()
    {
        var tests = Files("tests", ".cs")
            .Where(f => !f.EndsWith(nameof(RulesCatalogueTests) + ".cs", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();

        var untested = Catalogue()["Implemented"].Where(id =>
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            var named = new Regex($"(?<![A-Za-z0-9]){id[..dash]}-?{id[(dash + 1)..]}(?![A-Za-z0-9])");
            return !tests.Any(t => named.IsMatch(t));
        }).ToList();

        Assert.True(untested.Count == 0, "Implemented in docs/rules.md but no test names them: " + string.Join(", ", untested));
    }

    [Fact]
    public void Should_catalogue_every_rule_the_code_names()
    {
        var catalogued = Catalogue().SelectMany(s => s.Value).ToHashSet(StringComparer.Ordinal);

        var missing = Files("src", ".cs", ".cshtml", ".sql")
            .SelectMany(f => RuleId().Matches(File.ReadAllText(f)).Select(m => (Rule: m.Value, File: Path.GetRelativePath(Root, f))))
            .Where(x => !catalogued.Contains(x.Rule))
            .Select(x => $"{x.Rule} ({x.File})").Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Named in src/ but not in docs/rules.md: " + string.Join(", ", missing));
    }
}
