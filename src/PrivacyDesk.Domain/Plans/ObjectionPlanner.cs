namespace PrivacyDesk.Domain.Plans;

internal static class ObjectionPlanner
{
    public static void PlanObjection(PlanContext ctx) => _ = ctx;

    public static void PlanConsentWithdrawal(PlanContext ctx) => _ = ctx;
}
