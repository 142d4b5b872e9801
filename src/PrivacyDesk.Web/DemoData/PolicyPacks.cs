using System.Text;
using Bogus;
using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.DemoData;

/// <summary>The policy packs shipped inside the executable (policy-packs/*.json).</summary>
public static class PolicyPacks
{
    public static IReadOnlyList<string> Codes { get; } = typeof(PolicyPacks).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("PolicyPacks.", StringComparison.Ordinal))
        .Select(n => n["PolicyPacks.".Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Read(string code)
    {
        using var stream = typeof(PolicyPacks).Assembly.GetManifestResourceStream($"PolicyPacks.{code}.json")
            ?? throw new FileNotFoundException($"No shipped policy pack '{code}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
