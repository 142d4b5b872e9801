namespace PrivacyDesk.Domain.Deadlines;

/// <summary>Deadline-related configuration keys of gdpr-rules.md §8, with their defaults.</summary>
public sealed record ClockSettings
{
    public static ClockSettings Default { get; } = new();

    public ClockMode Identity { get; init; } = ClockMode.Suspend;

    /// <summary>Only Suspend or None: CLK-1 offers no restart for clarification.</summary>
    public ClockMode Clarification { get; init; } = ClockMode.Suspend;

    public ClockMode Fee { get; init; } = ClockMode.Suspend;

    public ExtensionBasis ExtensionBasis { get; init; } = ExtensionBasis.ThreeMonthsFromStart;

    public int InfoRequestMaxDelayWorkingDays { get; init; } = 5;

    public int WaitingReminderDays { get; init; } = 14;

    public int AbandonAfterDays { get; init; } = 30;

    public int RestrictionLiftNoticeWorkingDays { get; init; } = 5;

    public int RetentionGraceDays { get; init; } = 30;

    /// <summary>Errors against the "allowed" column of §8; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckMode(errors, "CLOCK_IDENTITY", Identity, allowRestart: true);
        CheckMode(errors, "CLOCK_CLARIFICATION", Clarification, allowRestart: false);
        CheckMode(errors, "CLOCK_FEE", Fee, allowRestart: true);
        if (!Enum.IsDefined(ExtensionBasis))
        {
            errors.Add($"EXTENSION_BASIS: unknown value {(int)ExtensionBasis}.");
        }

        CheckRange(errors, "INFO_REQUEST_MAX_DELAY_WORKING_DAYS", InfoRequestMaxDelayWorkingDays, 1, 10);
        CheckRange(errors, "WAITING_REMINDER_DAYS", WaitingReminderDays, 7, 30);
        CheckRange(errors, "ABANDON_AFTER_DAYS", AbandonAfterDays, 14, int.MaxValue);
        CheckRange(errors, "RESTRICTION_LIFT_NOTICE_WORKING_DAYS", RestrictionLiftNoticeWorkingDays, 1, int.MaxValue);
        CheckRange(errors, "RETENTION_GRACE_DAYS", RetentionGraceDays, 0, 90);
        return errors;
    }

    private static void CheckMode(List<string> errors, string key, ClockMode mode, bool allowRestart)
    {
        if (!Enum.IsDefined(mode))
        {
            errors.Add($"{key}: unknown value {(int)mode}.");
        }
        else if (mode == ClockMode.Restart && !allowRestart)
        {
            errors.Add($"{key}: RESTART is not allowed (SUSPEND or NONE).");
        }
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            var allowed = max == int.MaxValue ? $"≥ {min}" : $"{min}–{max}";
            errors.Add($"{key}: {value} is outside the allowed range {allowed}.");
        }
    }
}
