using PrivacyDesk.Domain.Deadlines;

namespace PrivacyDesk.UnitTests.Deadlines;

public class ClockSettingsTests
{
    [Fact]
    public void Section_8_defaults()
    {
        var s = ClockSettings.Default;

        Assert.Equal(ClockMode.Suspend, s.Identity);
        Assert.Equal(ClockMode.Suspend, s.Clarification);
        Assert.Equal(ClockMode.Suspend, s.Fee);
        Assert.Equal(ExtensionBasis.ThreeMonthsFromStart, s.ExtensionBasis);
        Assert.Equal(5, s.InfoRequestMaxDelayWorkingDays);
        Assert.Equal(14, s.WaitingReminderDays);
        Assert.Equal(30, s.AbandonAfterDays);
        Assert.Equal(5, s.RestrictionLiftNoticeWorkingDays);
        Assert.Equal(30, s.RetentionGraceDays);
        Assert.Empty(s.Validate());
    }

    public static TheoryData<string, ClockSettings> Invalid => new()
    {
        { "CLOCK_CLARIFICATION", new ClockSettings { Clarification = ClockMode.Restart } },
        { "CLOCK_IDENTITY", new ClockSettings { Identity = (ClockMode)42 } },
        { "EXTENSION_BASIS", new ClockSettings { ExtensionBasis = (ExtensionBasis)7 } },
        { "INFO_REQUEST_MAX_DELAY_WORKING_DAYS", new ClockSettings { InfoRequestMaxDelayWorkingDays = 0 } },
        { "INFO_REQUEST_MAX_DELAY_WORKING_DAYS", new ClockSettings { InfoRequestMaxDelayWorkingDays = 11 } },
        { "WAITING_REMINDER_DAYS", new ClockSettings { WaitingReminderDays = 6 } },
        { "WAITING_REMINDER_DAYS", new ClockSettings { WaitingReminderDays = 31 } },
        { "ABANDON_AFTER_DAYS", new ClockSettings { AbandonAfterDays = 13 } },
        { "RESTRICTION_LIFT_NOTICE_WORKING_DAYS", new ClockSettings { RestrictionLiftNoticeWorkingDays = 0 } },
        { "RETENTION_GRACE_DAYS", new ClockSettings { RetentionGraceDays = -1 } },
        { "RETENTION_GRACE_DAYS", new ClockSettings { RetentionGraceDays = 91 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_reports_out_of_range_values(string key, ClockSettings settings)
    {
        var error = Assert.Single(settings.Validate());
        Assert.StartsWith(key, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_boundaries_and_allowed_modes()
    {
        var s = new ClockSettings
        {
            Identity = ClockMode.Restart,
            Clarification = ClockMode.None,
            Fee = ClockMode.Restart,
            ExtensionBasis = ExtensionBasis.TwoStepConservative,
            InfoRequestMaxDelayWorkingDays = 10,
            WaitingReminderDays = 7,
            AbandonAfterDays = 14,
            RestrictionLiftNoticeWorkingDays = 1,
            RetentionGraceDays = 90,
        };
        Assert.Empty(s.Validate());
    }
}
