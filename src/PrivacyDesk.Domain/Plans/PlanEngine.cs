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
