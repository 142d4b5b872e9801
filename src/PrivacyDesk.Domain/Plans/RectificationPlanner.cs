namespace PrivacyDesk.Domain.Plans;

internal static class RectificationPlanner
{
    public static void Plan(PlanContext ctx) => _ = ctx;
}
