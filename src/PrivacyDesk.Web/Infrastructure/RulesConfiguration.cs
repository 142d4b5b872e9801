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
    public IsoPeriod LegalHoldMaxReviewInterval { get; init; } = new(0, 6, 0);

    /// <summary>
    /// §8 switches the app does not implement, with the only value it honours. Setting another value stops the app
    /// at start rather than being silently ignored: the national register number is never exported (PO-2); postal
    /// dispatch (CLK-6), restriction reviews (RS-1) and direct-marketing processor notices (CLK-DM) are not
    /// scheduled by the app.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NotImplemented = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PORTABILITY_EXCLUDE_NATIONAL_NUMBER"] = "true",
        ["POSTAL_DISPATCH_LEAD_WORKING_DAYS"] = "",
        ["RESTRICTION_REVIEW_MONTHS"] = "",
        ["DM_PROCESSOR_NOTICE_WORKING_DAYS"] = "",
    };

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
            RestrictionLiftNoticeWorkingDays = Int(s, "RESTRICTION_LIFT_NOTICE_WORKING_DAYS", 5),
            RetentionGraceDays = Int(s, "RETENTION_GRACE_DAYS", 30),
        };
        var errors = clock.Validate();
        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid Rules configuration: " + string.Join(" ", errors));
        var holdInterval = IsoPeriod.Parse(s["LEGAL_HOLD_MAX_REVIEW_INTERVAL"] ?? "P6M");
        if (holdInterval.TotalMonths > 12 || (holdInterval.TotalMonths == 12 && holdInterval.Days > 0))
            throw Invalid("LEGAL_HOLD_MAX_REVIEW_INTERVAL", holdInterval.ToString());
        foreach (var (key, honoured) in NotImplemented)
        {
            if (s[key] is { Length: > 0 } value && !string.Equals(value, honoured, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Rules configuration: {key} is not supported by PrivacyDesk" +
                    (honoured.Length > 0 ? $" with any value but {honoured}" : "") + "; remove it (README, \"Switches the app does not implement\").");
        }
        return new RulesConfiguration
        {
            Clock = clock,
            AccessFreezesRetention = Bool(s, "ACCESS_FREEZES_RETENTION", true),
            ErasureImpliesObjectionForLegitimateInterests = Bool(s, "ERASURE_IMPLIES_OBJECTION_FOR_LI", true),
            LegalHoldMaxReviewInterval = holdInterval,
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
