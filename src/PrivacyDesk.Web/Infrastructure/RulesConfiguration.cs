using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.Web.Infrastructure;

/// <summary>
/// The switches of gdpr-rules.md §8, read from the "Rules" section under their own names
/// (e.g. Rules:CLOCK_IDENTITY=RESTART or the environment variable Rules__CLOCK_IDENTITY).
/// Invalid values stop the application at start-up rather than silently changing deadlines.
/// </summary>
public sealed class RulesConfiguration
{
    public ClockSettings Clock { get; init; } = ClockSettings.Default;
    public bool AccessFreezesRetention { get; init; } = true;
    public bool ErasureImpliesObjectionForLegitimateInterests { get; init; } = true;
    public bool PortabilityExcludeNationalNumber { get; init; } = true;
    public IsoPeriod LegalHoldMaxReviewInterval { get; init; } = new(0, 6, 0);
    public int RestrictionReviewMonths { get; init; } = 12;
    public int DmProcessorNoticeWorkingDays { get; init; } = 2;

    public static RulesConfiguration Read(IConfiguration configuration)
    {
        var s = configuration.GetSection("Rules");
        var clock = new ClockSettings
        {
            Identity = Mode(s, "CLOCK_IDENTITY", ClockMode.Suspend),
            Clarification = Mode(s, "CLOCK_CLARIFICATION", ClockMode.Suspend),
            Fee = Mode(s, "CLOCK_FEE", ClockMode.Suspend),
            ExtensionBasis = s["EXTENSION_BASIS"] switch
            {
                null or "" or "THREE_MONTHS_FROM_START" => ExtensionBasis.ThreeMonthsFromStart,
                "TWO_STEP_CONSERVATIVE" => ExtensionBasis.TwoStepConservative,
                var other => throw Invalid("EXTENSION_BASIS", other),
            },
            InfoRequestMaxDelayWorkingDays = Int(s, "INFO_REQUEST_MAX_DELAY_WORKING_DAYS", 5),
            WaitingReminderDays = Int(s, "WAITING_REMINDER_DAYS", 14),
            AbandonAfterDays = Int(s, "ABANDON_AFTER_DAYS", 30),
            PostalDispatchLeadWorkingDays = Int(s, "POSTAL_DISPATCH_LEAD_WORKING_DAYS", 2),
            RestrictionLiftNoticeWorkingDays = Int(s, "RESTRICTION_LIFT_NOTICE_WORKING_DAYS", 5),
            RetentionGraceDays = Int(s, "RETENTION_GRACE_DAYS", 30),
        };
        var errors = clock.Validate();
        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid Rules configuration: " + string.Join(" ", errors));
        var holdInterval = IsoPeriod.Parse(s["LEGAL_HOLD_MAX_REVIEW_INTERVAL"] ?? "P6M");
        if (holdInterval.TotalMonths > 12 || (holdInterval.TotalMonths == 12 && holdInterval.Days > 0))
            throw Invalid("LEGAL_HOLD_MAX_REVIEW_INTERVAL", holdInterval.ToString());
        var restrictionReview = Int(s, "RESTRICTION_REVIEW_MONTHS", 12);
        if (restrictionReview is < 1 or > 24)
            throw Invalid("RESTRICTION_REVIEW_MONTHS", restrictionReview.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RulesConfiguration
        {
            Clock = clock,
            AccessFreezesRetention = Bool(s, "ACCESS_FREEZES_RETENTION", true),
            ErasureImpliesObjectionForLegitimateInterests = Bool(s, "ERASURE_IMPLIES_OBJECTION_FOR_LI", true),
            PortabilityExcludeNationalNumber = Bool(s, "PORTABILITY_EXCLUDE_NATIONAL_NUMBER", true),
            LegalHoldMaxReviewInterval = holdInterval,
            RestrictionReviewMonths = restrictionReview,
            DmProcessorNoticeWorkingDays = Int(s, "DM_PROCESSOR_NOTICE_WORKING_DAYS", 2),
        };
    }

    private static ClockMode Mode(IConfigurationSection s, string key, ClockMode fallback) => s[key] switch
    {
        null or "" => fallback,
        "SUSPEND" => ClockMode.Suspend,
        "RESTART" => ClockMode.Restart,
        "NONE" => ClockMode.None,
        var other => throw Invalid(key, other),
    };

    private static int Int(IConfigurationSection s, string key, int fallback) =>
        s[key] is { Length: > 0 } v
            ? int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : throw Invalid(key, v)
            : fallback;

    private static bool Bool(IConfigurationSection s, string key, bool fallback) =>
        s[key] is { Length: > 0 } v ? bool.TryParse(v, out var b) ? b : throw Invalid(key, v) : fallback;

    private static InvalidOperationException Invalid(string key, string value) =>
        new($"Invalid Rules configuration: {key} = '{value}' is not allowed (gdpr-rules.md §8).");
}
