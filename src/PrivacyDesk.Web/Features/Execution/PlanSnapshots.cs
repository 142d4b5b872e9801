using System.Text.Json;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// What was approved: the plan stored on each sub-request when the DPO reviewed it (PlanJson), else the
/// plan computed now. Execution stores the computed plan when none was stored, so every step of a case
/// and its final answer work from the same snapshot.
/// </summary>
public sealed class PlanSnapshots(RequestPlanner planner, TimeProvider clock)
{
    public static RequestPlan? Read(SubRequest sub)
    {
        if (string.IsNullOrWhiteSpace(sub.PlanJson))
            return null;
        try
        {
            return JsonSerializer.Deserialize<RequestPlan>(sub.PlanJson, GetRequestPlan.Json);
        }
        catch (JsonException)
        {
            return null; // a plan stored in another shape is recomputed
        }
    }

    /// <summary>The plan of every sub-request, storing the computed ones that had no snapshot yet.</summary>
    public async Task<IReadOnlyDictionary<Guid, RequestPlan>> EnsureAsync(DataSubjectRequest request, bool store, CancellationToken ct)
    {
        var plans = new Dictionary<Guid, RequestPlan>();
        foreach (var sub in request.SubRequests)
        {
            if (Read(sub) is { } stored)
                plans[sub.Id] = stored;
        }
        if (plans.Count == request.SubRequests.Count)
            return plans;

        var computed = await planner.BuildAsync(request, ct);
        foreach (var (sub, plan) in computed)
        {
            if (plans.ContainsKey(sub.Id))
                continue;
            plans[sub.Id] = plan;
            if (store)
                sub.StorePlan(JsonSerializer.Serialize(plan, GetRequestPlan.Json), clock.GetUtcNow());
        }
        return plans;
    }
}
