using System.Text.Json;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// The type-specific answers of a sub-request (product.md §2), stored as JSON on the sub-request.
/// One shape for every type: each form fills only the fields its right needs.
/// </summary>
public sealed record SubRequestDetails
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    /// <summary>Rectification: which data are wrong and the right values (RECT-1).</summary>
    public IReadOnlyList<RectificationDetail>? Corrections { get; init; }

    /// <summary>Restriction: the Art. 18(1) ground (RS-1).</summary>
    public RestrictionGround? RestrictionGround { get; init; }

    /// <summary>Portability: "json", "csv" or "both" (PO-3).</summary>
    public string? Format { get; init; }

    /// <summary>Portability: another controller to send the data to (PO-4).</summary>
    public string? SendToController { get; init; }

    /// <summary>Objection: the purposes objected to; null = every legitimate-interest purpose.</summary>
    public IReadOnlyList<string>? PurposeCodes { get; init; }

    /// <summary>Objection to direct marketing (Art. 21(2)), absolute.</summary>
    public bool Marketing { get; init; }

    /// <summary>Consent withdrawal: which consents (purpose codes); null = all.</summary>
    public IReadOnlyList<string>? ConsentPurposeCodes { get; init; }

    /// <summary>Free text: grounds of an objection, explanation of a restriction, scope of an access request.</summary>
    public string? Explanation { get; init; }

    /// <summary>Rectification/objection forms offer restriction meanwhile (RS-7, RECT-4).</summary>
    public bool RestrictMeanwhile { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SubRequestDetails From(SubRequest sub) =>
        string.IsNullOrWhiteSpace(sub.DetailsJson) ? new SubRequestDetails() : JsonSerializer.Deserialize<SubRequestDetails>(sub.DetailsJson, Json) ?? new SubRequestDetails();
}
