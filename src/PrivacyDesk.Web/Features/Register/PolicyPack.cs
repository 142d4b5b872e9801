using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyDesk.Web.Features.Register;

/// <summary>The JSON policy pack format (docs/policy-packs.md). Enums are spelled as in the domain.</summary>
public sealed class PolicyPack
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string? SourcePolicy { get; set; }
    public PackController Controller { get; set; } = new();
    public PackSettings Settings { get; set; } = new();
    public List<PackNote> Notes { get; set; } = [];
    public List<PackRecipient> Recipients { get; set; } = [];
    public List<PackPurpose> Purposes { get; set; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Converters = { new Infrastructure.Web.NulRefusingStringConverter() },
    };

    public static PolicyPack Parse(string json) =>
        JsonSerializer.Deserialize<PolicyPack>(json, JsonOptions) ?? throw new JsonException("The pack is empty.");
}
