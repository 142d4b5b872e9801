using Microsoft.Extensions.Configuration;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>
/// §8 switches with no effect are refused at start instead of being silently ignored: the national register number
/// is never exported (PO-2), and postal dispatch (CLK-6), restriction reviews (RS-1) and direct-marketing processor
/// notices (CLK-DM) are not scheduled by the app. WAITING_REMINDER_DAYS and ABANDON_AFTER_DAYS are wired (CLK-4, see
/// RequestLifecycleRulesTests).
/// </summary>
public sealed class UnimplementedSwitchesTests
{
    private static RulesConfiguration Read(string key, string value) =>
        RulesConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rules:" + key] = value }).Build());

    public static TheoryData<string, string> Refused => new()
    {
        { "PORTABILITY_EXCLUDE_NATIONAL_NUMBER", "false" },
        { "POSTAL_DISPATCH_LEAD_WORKING_DAYS", "1" },
        { "POSTAL_DISPATCH_LEAD_WORKING_DAYS", "2" },
        { "RESTRICTION_REVIEW_MONTHS", "6" },
        { "RESTRICTION_REVIEW_MONTHS", "12" },
        { "DM_PROCESSOR_NOTICE_WORKING_DAYS", "0" },
        { "DM_PROCESSOR_NOTICE_WORKING_DAYS", "2" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Should_stop_at_start_when_a_switch_without_effect_is_set_PO2_CLK6_RS1(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(key, value));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PORTABILITY_EXCLUDE_NATIONAL_NUMBER", "true")]
    [InlineData("PORTABILITY_EXCLUDE_NATIONAL_NUMBER", "")]
    [InlineData("WAITING_REMINDER_DAYS", "7")]
    [InlineData("ABANDON_AFTER_DAYS", "45")]
    public void Should_accept_the_honoured_values_PO2_CLK4(string key, string value)
    {
        var rules = Read(key, value);
        Assert.NotNull(rules.Clock);
        if (key == "WAITING_REMINDER_DAYS")
            Assert.Equal(7, rules.Clock.WaitingReminderDays);
        if (key == "ABANDON_AFTER_DAYS")
            Assert.Equal(45, rules.Clock.AbandonAfterDays);
    }
}
