using System.Text.Json;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Bench.Plans;

/// <summary>
/// The real ASAP register (policy-packs/asap.json), read with System.Text.Json straight into the domain
/// types, so the benchmark measures the engine against the pack the product ships without the Web project.
/// </summary>
internal static class AsapRegister
{
    public static List<ProcessingPurpose> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "asap.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var order = 0;
        var purposes = new List<ProcessingPurpose>();
        foreach (var p in doc.RootElement.GetProperty("purposes").EnumerateArray())
        {
            var names = p.GetProperty("names");
            purposes.Add(new ProcessingPurpose
            {
                Code = p.GetProperty("code").GetString()!,
                NameNl = names.GetProperty("nl").GetString()!,
                NameFr = names.GetProperty("fr").GetString()!,
                NameEn = names.GetProperty("en").GetString()!,
                LegalBasis = Enum.Parse<LegalBasis>(p.GetProperty("legalBasis").GetString()!),
                RecordSets = p.GetProperty("recordSets").EnumerateArray().Select(s => Enum.Parse<RecordSet>(s.GetString()!)).ToList(),
                Portable = p.GetProperty("portable").GetBoolean(),
                IsMarketing = p.GetProperty("isMarketing").GetBoolean(),
                SortOrder = order++,
                Recipients = p.GetProperty("recipients").EnumerateArray().Select(r => new Recipient { Code = r.GetString()!, Name = r.GetString()! }).ToList(),
                RetentionRules = p.GetProperty("retentionRules").EnumerateArray().Select(Rule).ToList(),
            });
        }

        return purposes;
    }

    private static RetentionRule Rule(JsonElement r)
    {
        var rule = new RetentionRule
        {
            Code = r.GetProperty("code").GetString()!,
            DataCategory = Enum.Parse<DataCategory>(r.GetProperty("dataCategory").GetString()!),
            Kind = Enum.Parse<RetentionKind>(r.GetProperty("kind").GetString()!),
            Anchor = Enum.Parse<RetentionAnchor>(r.GetProperty("anchor").GetString()!),
            AnchorAdjust = Enum.Parse<AnchorAdjust>(r.GetProperty("anchorAdjust").GetString()!),
            Period = r.GetProperty("period").GetString()!,
            AppliesTo = Enum.Parse<RuleAppliesTo>(r.GetProperty("appliesTo").GetString()!),
            OnExpiry = Enum.Parse<ExpiryAction>(r.GetProperty("onExpiry").GetString()!),
            Citation = r.GetProperty("citation").GetString() ?? "",
            Note = r.TryGetProperty("note", out var n) ? n.GetString() : null,
        };
        if (r.TryGetProperty("cap", out var cap) && cap.ValueKind == JsonValueKind.Object)
        {
            rule.CapAnchor = Enum.Parse<RetentionAnchor>(cap.GetProperty("anchor").GetString()!);
            rule.CapAnchorAdjust = Enum.Parse<AnchorAdjust>(cap.GetProperty("anchorAdjust").GetString()!);
            rule.CapPeriod = cap.GetProperty("period").GetString();
        }

        if (r.TryGetProperty("floor", out var floor) && floor.ValueKind == JsonValueKind.Object)
        {
            rule.FloorAnchor = Enum.Parse<RetentionAnchor>(floor.GetProperty("anchor").GetString()!);
            rule.FloorAnchorAdjust = Enum.Parse<AnchorAdjust>(floor.GetProperty("anchorAdjust").GetString()!);
            rule.FloorPeriod = floor.GetProperty("period").GetString();
        }

        return rule;
    }
}
