using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

public class DeadlineCalculatorTests
{
    private static DeadlineCalculator Calculator(ClockSettings? settings = null) =>
        new(BelgianHolidayCalendar.Default, settings ?? ClockSettings.Default);

    [Fact]
    public void Section_1_9_Good_Friday_receipt_is_due_4_May_2026()
    {
        var result = Calculator().Compute(D("2026-04-03"), [], D("2026-04-03"));

        Assert.Equal(D("2026-05-04"), result.DueBase); // raw 2026-05-03 is a Sunday
    }

    [Fact]
    public void Section_1_9_UTC_evening_receipt_counts_from_the_Brussels_date()
    {
        var r = BrusselsTime.ToBrusselsDate(DateTimeOffset.Parse("2026-03-31T22:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var result = Calculator().Compute(r, [], r);

        Assert.Equal(D("2026-04-01"), r);
        Assert.Equal(D("2026-05-04"), result.DueBase); // raw 2026-05-01 is Labour Day, then the weekend
    }

    [Fact]
    public void EXT_2_extension_deadline_includes_suspension()
    {
        var calculator = Calculator();
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), D("2026-03-16")) };
        var d = calculator.Compute(D("2026-03-02"), waits, D("2026-03-20"));

        Assert.Equal(D("2026-04-14"), d.ExtensionNoticeBy);
        Assert.Equal(D("2026-04-02"), d.Conservative);
    }

    [Fact]
    public void EXT_3_two_step_conservative_switch()
    {
        var oneStep = Calculator().Compute(D("2027-01-31"), [], D("2027-01-31"));
        var twoStep = Calculator(new ClockSettings { ExtensionBasis = ExtensionBasis.TwoStepConservative })
            .Compute(D("2027-01-31"), [], D("2027-01-31"));

        Assert.Equal(D("2027-04-30"), oneStep.DueExtended);
        Assert.Equal(D("2027-04-28"), twoStep.DueExtended);
        Assert.Equal(oneStep.DueBase, twoStep.DueBase);
    }

    [Fact]
    public void EXT_3_two_step_adds_suspended_days_too()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2027-02-01"), D("2027-02-05")) };
        var result = Calculator(new ClockSettings { ExtensionBasis = ExtensionBasis.TwoStepConservative })
            .Compute(D("2027-01-31"), waits, D("2027-02-10"));

        Assert.Equal(D("2027-05-03"), result.DueExtended); // 2027-04-28 + 4 = 05-02 Sun → 05-03 Mon
    }

    [Fact]
    public void CLK_3_overlapping_intervals_are_not_double_counted()
    {
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), D("2026-03-16")),
            new WaitingInterval(WaitingReason.Fee, D("2026-03-06"), D("2026-03-20")),
        };
        var result = Calculator().Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.Equal(16, result.SuspendedDays); // union [03-04, 03-20), not 12 + 14
        Assert.Equal(D("2026-04-20"), result.DueBase); // 04-02 + 16 = 04-18 Sat → 04-20 Mon
    }

    [Fact]
    public void CLK_3_nested_interval_counts_once()
    {
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2026-03-03"), D("2026-03-20")),
            new WaitingInterval(WaitingReason.Fee, D("2026-03-05"), D("2026-03-10")),
        };
        Assert.Equal(17, Calculator().Compute(D("2026-03-02"), waits, D("2026-03-25")).SuspendedDays);
    }

    [Fact]
    public void CLK_3_suspended_days_go_on_the_unrolled_date_then_roll_once()
    {
        // E02: raw 2026-04-05 Sun. +1 day = 04-06 Easter Monday → 04-07. Rolling first would give 04-08.
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-06"), D("2026-03-07")) };
        var result = Calculator().Compute(D("2026-03-05"), waits, D("2026-03-10"));

        Assert.Equal(1, result.SuspendedDays);
        Assert.Equal(D("2026-04-07"), result.DueBase);
    }

    [Fact]
    public void CLK_3_suspend_intervals_are_clipped_to_restart_start()
    {
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), D("2026-03-16")),
            new WaitingInterval(WaitingReason.Fee, D("2026-03-06"), D("2026-03-20")),
        };
        var result = Calculator(new ClockSettings { Identity = ClockMode.Restart }).Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.Equal(D("2026-03-16"), result.StartOn);
        Assert.Equal(4, result.SuspendedDays); // [03-16, 03-20)
        Assert.Equal(D("2026-04-20"), result.DueBase);
        Assert.Equal(D("2026-04-02"), result.Conservative);
    }

    [Fact]
    public void CLK_3_latest_restart_end_wins()
    {
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2026-03-03"), D("2026-03-06")),
            new WaitingInterval(WaitingReason.Fee, D("2026-03-09"), D("2026-03-12")),
        };
        var result = Calculator(new ClockSettings { Identity = ClockMode.Restart, Fee = ClockMode.Restart })
            .Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.Equal(D("2026-03-12"), result.StartOn);
        Assert.Equal(D("2026-04-13"), result.DueBase); // 04-12 Sun → 04-13 Mon
    }

    [Fact]
    public void CLK_3_open_interval_gives_provisional_due_date_with_end_today()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), null) };
        var calculator = Calculator();

        var on10 = calculator.Compute(D("2026-03-02"), waits, D("2026-03-10"));
        var on12 = calculator.Compute(D("2026-03-02"), waits, D("2026-03-12"));

        Assert.True(on10.IsProvisional);
        Assert.Equal(6, on10.SuspendedDays);
        Assert.Equal(D("2026-04-08"), on10.DueBase);
        Assert.Equal(8, on12.SuspendedDays);
        Assert.Equal(D("2026-04-10"), on12.DueBase);
        Assert.Equal(D("2026-04-02"), on10.Conservative);
    }

    [Fact]
    public void CLK_3_open_restart_interval_is_provisional_from_today()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), null) };
        var result = Calculator(new ClockSettings { Identity = ClockMode.Restart }).Compute(D("2026-03-02"), waits, D("2026-03-10"));

        Assert.True(result.IsProvisional);
        Assert.Equal(D("2026-03-10"), result.StartOn);
        Assert.Equal(D("2026-04-10"), result.DueBase);
    }

    [Fact]
    public void CLK_3_open_interval_in_none_mode_is_not_provisional()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), null) };
        var result = Calculator(new ClockSettings { Identity = ClockMode.None }).Compute(D("2026-03-02"), waits, D("2026-03-10"));

        Assert.False(result.IsProvisional);
        Assert.Equal(D("2026-04-02"), result.DueBase);
    }

    [Fact]
    public void CLK_2_1_unnecessary_interval_does_not_count()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Clarification, D("2026-03-04"), D("2026-03-16"), Necessary: false) };
        var result = Calculator().Compute(D("2026-03-02"), waits, D("2026-03-20"));

        Assert.Equal(0, result.SuspendedDays);
        Assert.Equal(D("2026-04-02"), result.DueBase);
    }

    [Fact]
    public void CLK_2_2_five_working_days_is_in_time_six_is_late()
    {
        var calculator = Calculator();
        var inTime = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-09"), D("2026-03-11")) };  // 5 wd
        var late = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-10"), D("2026-03-12")) };    // 6 wd

        Assert.Equal(2, calculator.Compute(D("2026-03-02"), inTime, D("2026-03-20")).SuspendedDays);
        Assert.Equal(0, calculator.Compute(D("2026-03-02"), late, D("2026-03-20")).SuspendedDays);
    }

    [Fact]
    public void CLK_2_2_reply_to_an_ignored_wait_does_not_reset_the_delay()
    {
        // Identity asked late (ignored); clarification 2 wd after that reply but 10 wd after receipt: also late.
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2026-03-13"), D("2026-03-14")),
            new WaitingInterval(WaitingReason.Clarification, D("2026-03-16"), D("2026-03-20")),
        };
        Assert.Equal(0, Calculator().Compute(D("2026-03-02"), waits, D("2026-03-25")).SuspendedDays);
    }

    [Fact]
    public void CLK_2_2_max_delay_is_configurable()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-13"), D("2026-03-20")) };
        var result = Calculator(new ClockSettings { InfoRequestMaxDelayWorkingDays = 10 }).Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.Equal(7, result.SuspendedDays);
    }

    [Fact]
    public void CLK_3_interval_ending_before_it_starts_is_rejected()
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-10"), D("2026-03-05")) };
        Assert.Throws<ArgumentException>(() => Calculator().Compute(D("2026-03-02"), waits, D("2026-03-20")));
    }

    [Fact]
    public void DL_2_receipt_on_a_Sunday_is_not_moved()
    {
        var result = Calculator().Compute(D("2027-01-31"), [], D("2027-01-31"));
        Assert.Equal(D("2027-01-31"), result.StartOn);
        Assert.Equal(D("2027-03-01"), result.DueBase);
    }

    [Fact]
    public void Invalid_settings_are_rejected_by_the_calculator()
    {
        Assert.Throws<ArgumentException>(() => Calculator(new ClockSettings { Clarification = ClockMode.Restart }));
    }
}
