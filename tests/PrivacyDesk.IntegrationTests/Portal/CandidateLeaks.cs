using System.Text.Json;
using System.Text.RegularExpressions;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>
/// Finds what must never reach a candidate in a text they read (page, e-mail, access report, ZIP README):
/// resource keys and unfilled placeholders, our enum names, internal rule IDs, the wrong language's name for
/// the law or the authority, informal Dutch and French's missing contractions (docs/glossary.md). Built from
/// the resource files and the domain's enums, so a new key or enum value is checked without editing this file.
/// </summary>
public static partial class CandidateLeaks
{
    private static readonly Lazy<HashSet<string>> ResourceKeys = new(LoadKeys);

    private static readonly Lazy<HashSet<string>> KeyNamespaces = new(() => ResourceKeys.Value.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])
        .Where(n => n.Length > 2).ToHashSet(StringComparer.Ordinal));

    /// <summary>Enum member names that read as one compound word (AwaitingDataSubject, FormerWorker): never ordinary text.</summary>
    private static readonly Lazy<HashSet<string>> CompoundEnumNames = new(() => EnumNames().Where(n => n.Count(char.IsUpper) >= 2 && n.Length > 3 && !n.All(char.IsUpper)).ToHashSet(StringComparer.Ordinal));

    /// <summary>Single-word enum names (Hired, Cv, Payslip) are English words: a leak in Dutch or French text only.</summary>
    private static readonly Lazy<HashSet<string>> SimpleEnumNames = new(() => EnumNames().Where(n => n.Count(char.IsUpper) == 1 && n.Length > 1)
        // Words that are also correct Dutch or French (or proper names) and so cannot tell a leak from text.
        .Except(["Email", "Web", "Post", "Api", "Contract", "Consent", "Other", "Photo", "Restrict", "Give", "Keep", "Identity", "Contact", "Communication",
            "Education", "Certificate", "Candidate", "Application", "Assignment", "Disclosure", "Photos", "Complaint", "Complaints", "Documents", "Evaluations",
            "Applications", "Assignments", "Consents", "Survey", "Tax", "Authority", "Controller", "Processor", "Dimona", "Access", "Portability", "Restriction",
            "Rectification", "Objection", "Erasure", "Approved", "Refused", "Received", "Closed", "Completed", "Withdrawn", "Abandoned", "Open", "Done",
            "Skipped", "Payroll", "Career", "Skills", "Assessment", "Fee", "Clarification", "Failed", "Verified", "Working", "Phone", "Correct", "Erase",
            "Anonymise", "Refuse", "Withhold", "Daily", "Critical", "Litigation", "Inspection", "Investigation", "Dispute", "Audit", "Notify", "Active",
            "Lifted", "Expired", "Pending", "Sent", "Dead", "Manual", "Task", "Info", "Warning", "Error", "None", "Normal", "High", "Low", "Medium",
            "Statement", "Evidence", "Note", "Contracts", "Salary", "Health", "Criminal", "Biometric", "Religion", "Union", "Political", "Genetic", "Sexual", "Racial"], StringComparer.Ordinal)
        .ToHashSet(StringComparer.Ordinal));

    public static IReadOnlyList<string> Find(string text, string language)
    {
        var problems = new List<string>();
        foreach (Match m in Placeholder().Matches(text))
            problems.Add($"placeholder {m.Value}");
        foreach (Match m in KeyLike().Matches(text))
        {
            // A known key, or a missing one in a namespace of ours ("Portal.F.HasWorked": the very leak a missing text makes).
            if (ResourceKeys.Value.Contains(m.Value.TrimEnd('.')) || KeyNamespaces.Value.Contains(m.Value[..m.Value.IndexOf('.', StringComparison.Ordinal)]))
                problems.Add($"resource key {m.Value}");
        }
        foreach (Match m in Regex.Matches(text, CandidateText.RuleIdPattern))
            problems.Add($"rule ID {m.Value}");
        foreach (Match m in Regex.Matches(text, @"\((?:§\s*)?\d+\.\d+\.\d+[^)]*\)"))
            problems.Add($"section number of our rules {m.Value}");
        foreach (Match m in Regex.Matches(text, @"\b20\d{2}-\d{2}-\d{2}\b"))
            problems.Add($"ISO date in running text: …{Around(text, m)}…");
        foreach (Match m in Word().Matches(text))
        {
            if (CompoundEnumNames.Value.Contains(m.Value))
                problems.Add($"enum name {m.Value}");
            else if (language != "en" && SimpleEnumNames.Value.Contains(m.Value))
                problems.Add($"English enum value {m.Value}");
        }
        switch (language)
        {
            case "nl":
                foreach (Match m in Regex.Matches(text, @"\b(GDPR|RGPD|APD)\b"))
                    problems.Add($"not the Dutch term: {m.Value}");
                foreach (Match m in Regex.Matches(text, @"\b([Jj]e|[Jj]ouw|[Jj]ij|[Jj]ou)\b"))
                    problems.Add($"informal Dutch: …{Around(text, m)}…");
                break;
            case "fr":
                foreach (Match m in Regex.Matches(text, @"\b(GDPR|AVG|GBA)\b"))
                    problems.Add($"not the French term: {m.Value}");
                foreach (Match m in Regex.Matches(text, @"\b(base de les?|jusqu'à les?|jusqu’à les?) \w"))
                    problems.Add($"missing contraction: {m.Value}");
                foreach (Match m in Regex.Matches(text, @"\w\((e|s|es)\)"))
                    problems.Add($"bracketed ending: …{Around(text, m)}…");
                break;
            case "en":
                foreach (Match m in Regex.Matches(text, @"\b(AVG|RGPD)\b"))
                    problems.Add($"not the English term: {m.Value}");
                foreach (Match m in Regex.Matches(text, @"\b\d{1,2}/\d{1,2}/\d{4}\b"))
                    problems.Add($"numeric date {m.Value}");
                break;
        }
        return problems;
    }

    private static string Around(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 25);
        return text.Substring(start, Math.Min(text.Length - start, m.Length + 50)).ReplaceLineEndings(" ");
    }

    private static IEnumerable<string> EnumNames() =>
        typeof(PrivacyDesk.Domain.Requests.RequestStatus).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)
            .Concat(typeof(Program).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic))
            .SelectMany(Enum.GetNames);

    private static HashSet<string> LoadKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var folder = Path.Combine(Infrastructure.BrowserHost.RepositoryRoot(), "src", "PrivacyDesk.Web", "Resources");
        foreach (var file in Directory.GetFiles(folder, "strings*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Name.Contains('.', StringComparison.Ordinal)))
                keys.Add(p.Name);
        }
        return keys;
    }

    [GeneratedRegex(@"\{[0-9]+\}|\{[A-Z][A-Za-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(?:\.[A-Za-z][A-Za-z0-9-]*)+")]
    private static partial Regex KeyLike();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]+\b")]
    private static partial Regex Word();
}
