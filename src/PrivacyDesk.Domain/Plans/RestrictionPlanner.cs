namespace PrivacyDesk.Domain.Plans;

internal static class RestrictionPlanner
{
    public static void Plan(PlanContext ctx) => _ = ctx;

    public static void PlanFallback(PlanContext ctx, RequestPlan erasure) => _ = (ctx, erasure);
}
