using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// Decides, per processing purpose and per record set, what a request does to the candidate's data and
/// why (gdpr-rules.md §2, §3, §4). Pure: reads only its input, writes nothing.
/// </summary>
public sealed class PlanEngine
{
    public RequestPlan Build(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Candidate is null)
        {
            return NoDataHeld(input.Type);
        }

        var ctx = new PlanContext(input);
        switch (input.Type)
        {
            case RequestType.Access: AccessPlanner.Plan(ctx); break;
            case RequestType.Rectification: RectificationPlanner.Plan(ctx); break;
            case RequestType.Erasure: ErasurePlanner.Plan(ctx); break;
            case RequestType.Restriction: RestrictionPlanner.Plan(ctx); break;
            case RequestType.Portability: PortabilityPlanner.Plan(ctx); break;
            case RequestType.Objection: ObjectionPlanner.PlanObjection(ctx); break;
            case RequestType.ConsentWithdrawal: ObjectionPlanner.PlanConsentWithdrawal(ctx); break;
            default: throw new ArgumentOutOfRangeException(nameof(input), input.Type, "Unknown request type.");
        }

        return ctx.Finish();
    }

    /// <summary>
    /// One plan per sub-request, in the order given (DL-6). 2.0.8: where an erasure sub-request keeps some
    /// data and a restriction sub-request exists as fallback, the restriction covers exactly those data.
    /// </summary>
    public IReadOnlyList<RequestPlan> BuildCombined(IReadOnlyList<PlanInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plans = inputs.Select(Build).ToList();

        var erasureIndex = inputs.ToList().FindIndex(i => i.Type == RequestType.Erasure);
        if (erasureIndex < 0)
        {
            return plans;
        }

        if (inputs.Any(i => i.Type is RequestType.Access or RequestType.Portability))
        {
            // 2.0.8, ER-11: the snapshot describes the data as received, so erasure runs after it.
            plans[erasureIndex] = plans[erasureIndex] with
            {
                Notices = [.. plans[erasureIndex].Notices, CombinedTexts.ErasureAfterSnapshot],
            };
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Type == RequestType.Restriction && inputs[i].Candidate is not null)
            {
                var ctx = new PlanContext(inputs[i]);
                RestrictionPlanner.PlanFallback(ctx, plans[erasureIndex]);
                plans[i] = ctx.Finish();
            }
        }

        return plans;
    }

    private static RequestPlan NoDataHeld(RequestType type) =>
        new(type, true, [], [], [], [], [type == RequestType.Access ? CombinedTexts.AccessNoData : CombinedTexts.NoData]);

    internal static DomainException MissingDetail(string code, string message, string rule) => new(code, message, rule);

    internal static IReadOnlyList<ProcessingPurpose> WithCodes(IReadOnlyList<ProcessingPurpose> purposes, IReadOnlyList<string> codes)
    {
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        return purposes.Where(p => wanted.Contains(p.Code)).ToList();
    }
}

internal static class CombinedTexts
{
    public static LocalizedText AccessNoData { get; } = new(
        "Wij verwerken geen persoonsgegevens over u. Er is dus niets om u te bezorgen (bevestiging: nee, art. 15(1) AVG).",
        "Nous ne traitons aucune donnée à caractère personnel vous concernant. Il n'y a donc rien à vous transmettre (confirmation : non, art. 15(1) RGPD).",
        "We do not hold any personal data about you, so there is nothing to send you (confirmation: no, Art. 15(1) GDPR).");

    public static LocalizedText NoData { get; } = new(
        "Wij verwerken geen persoonsgegevens over u; uw verzoek heeft daarom geen gevolgen voor gegevens.",
        "Nous ne traitons aucune donnée à caractère personnel vous concernant ; votre demande n'a donc aucun effet sur des données.",
        "We do not hold any personal data about you, so your request has no data to act on.");

    public static LocalizedText ErasureAfterSnapshot { get; } = new(
        "De wissing wordt pas uitgevoerd nadat de kopie van uw gegevens (inzage of overdraagbaarheid) is gemaakt (2.0.8).",
        "L'effacement n'est exécuté qu'après la copie de vos données (accès ou portabilité) (2.0.8).",
        "The erasure is carried out only after the copy of your data (access or portability) has been taken (2.0.8).");
}
