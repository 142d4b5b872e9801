namespace PrivacyDesk.Domain.Plans;

internal static class PortabilityPlanner
{
    public static void Plan(PlanContext ctx) => _ = ctx;
}
