using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.UnitTests.TestDates;

namespace PrivacyDesk.UnitTests.Deadlines;

/// <summary>gdpr-rules.md §1.8: E01–E27 (no waiting, default extension basis) and W1–W4 for every mode.</summary>
public class WorkedExamplesTests
{
    private static DeadlineCalculator Calculator(ClockSettings? settings = null) =>
        new(BelgianHolidayCalendar.Default, settings ?? ClockSettings.Default);

    [Theory]
    [InlineData("E01", "2027-03-05", "2027-04-05", "2027-06-07")]
    [InlineData("E02", "2026-03-05", "2026-04-07", "2026-06-05")]
    [InlineData("E03", "2026-08-31", "2026-09-30", "2026-11-30")]
    [InlineData("E04", "2027-03-31", "2027-04-30", "2027-06-30")]
    [InlineData("E05", "2027-01-31", "2027-03-01", "2027-04-30")]
    [InlineData("E06", "2026-01-30", "2026-03-02", "2026-04-30")]
    [InlineData("E07", "2028-01-31", "2028-02-29", "2028-05-02")]
    [InlineData("E08", "2028-01-29", "2028-02-29", "2028-05-02")]
    [InlineData("E09", "2028-02-29", "2028-03-29", "2028-05-29")]
    [InlineData("E10", "2027-02-28", "2027-03-30", "2027-05-28")]
    [InlineData("E11", "2026-12-29", "2027-01-29", "2027-03-30")]
    [InlineData("E12", "2026-06-21", "2026-07-22", "2026-09-21")]
    [InlineData("E13", "2028-07-15", "2028-08-16", "2028-10-16")]
    [InlineData("E14", "2025-07-15", "2025-08-18", "2025-10-15")]
    [InlineData("E15", "2027-10-01", "2027-11-02", "2028-01-03")]
    [InlineData("E16", "2026-10-11", "2026-11-12", "2027-01-11")]
    [InlineData("E17", "2028-10-11", "2028-11-13", "2029-01-11")]
    [InlineData("E18", "2026-11-25", "2026-12-28", "2027-02-25")]
    [InlineData("E19", "2027-11-25", "2027-12-27", "2028-02-25")]
    [InlineData("E20", "2026-12-01", "2027-01-04", "2027-03-01")]
    [InlineData("E21", "2027-04-01", "2027-05-03", "2027-07-01")]
    [InlineData("E22", "2026-04-14", "2026-05-15", "2026-07-14")]
    [InlineData("E23", "2027-04-17", "2027-05-18", "2027-07-19")]
    [InlineData("E24", "2026-01-10", "2026-02-10", "2026-04-10")]
    [InlineData("E25", "2027-11-30", "2027-12-30", "2028-02-29")]
    [InlineData("E26", "2026-11-30", "2026-12-30", "2027-03-01")]
    [InlineData("E27", "2026-12-31", "2027-02-01", "2027-03-31")]
    public void E_rows_due_and_extended_due(string id, string received, string due, string extended)
    {
        var r = D(received);
        var result = Calculator().Compute(r, [], today: r);

        Assert.True(D(due) == result.DueBase, $"{id}: due {result.DueBase}, expected {due}");
        Assert.True(D(extended) == result.DueExtended, $"{id}: extended {result.DueExtended}, expected {extended}");
        // CLK-EXTN and CLK-NOACT share the un-extended date; with no waiting it equals the conservative date.
        Assert.Equal(result.DueBase, result.ExtensionNoticeBy);
        Assert.Equal(result.DueBase, result.Conservative);
        Assert.Equal(r, result.StartOn);
        Assert.Equal(0, result.SuspendedDays);
        Assert.False(result.IsProvisional);
    }

    public static TheoryData<string, ClockMode, string, string, int> W1Data => new()
    {
        { "W1", ClockMode.None, "2026-04-02", "2026-06-02", 0 },
        { "W1", ClockMode.Suspend, "2026-04-14", "2026-06-15", 12 },
        { "W1", ClockMode.Restart, "2026-04-16", "2026-06-16", 0 },
    };

    [Theory]
    [MemberData(nameof(W1Data))]
    public void W1_identity_asked_and_received(string id, ClockMode mode, string due, string extended, int suspended)
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-04"), D("2026-03-16")) };
        var result = Calculator(new ClockSettings { Identity = mode }).Compute(D("2026-03-02"), waits, D("2026-03-20"));

        Assert.True(D(due) == result.DueBase, $"{id} {mode}: due {result.DueBase}");
        Assert.Equal(D(extended), result.DueExtended);
        Assert.Equal(suspended, result.SuspendedDays);
        Assert.Equal(D("2026-04-02"), result.Conservative);
        Assert.False(result.IsProvisional);
    }

    public static TheoryData<string, ClockMode, ClockMode, string, string, string, int> W2Data => new()
    {
        { "W2 none", ClockMode.None, ClockMode.None, "2027-03-01", "2027-04-30", "2027-01-31", 0 },
        { "W2 suspend", ClockMode.Suspend, ClockMode.Suspend, "2027-03-11", "2027-05-11", "2027-01-31", 11 },
        // CLK-1: clarification has no RESTART, so the "RESTART" column restarts on identity and suspends clarification.
        { "W2 restart", ClockMode.Restart, ClockMode.Suspend, "2027-03-12", "2027-05-12", "2027-02-05", 7 },
    };

    [Theory]
    [MemberData(nameof(W2Data))]
    public void W2_identity_then_clarification(string id, ClockMode identity, ClockMode clarification, string due, string extended, string start, int suspended)
    {
        var waits = new[]
        {
            new WaitingInterval(WaitingReason.Identity, D("2027-02-01"), D("2027-02-05")),
            // 6 working days after receipt but 1 after the identity reply: timely under CLK-2(2).
            new WaitingInterval(WaitingReason.Clarification, D("2027-02-08"), D("2027-02-15")),
        };
        var settings = new ClockSettings { Identity = identity, Clarification = clarification };
        var result = Calculator(settings).Compute(D("2027-01-31"), waits, D("2027-02-20"));

        Assert.True(D(due) == result.DueBase, $"{id}: due {result.DueBase}");
        Assert.Equal(D(extended), result.DueExtended);
        Assert.Equal(D(start), result.StartOn);
        Assert.Equal(suspended, result.SuspendedDays);
        Assert.Equal(D("2027-03-01"), result.Conservative);
    }

    // Due dates from the spec; extended dates derived with the same formula (not listed in §1.8).
    public static TheoryData<string, ClockMode, string, string> W3Data => new()
    {
        { "W3", ClockMode.None, "2026-10-15", "2026-12-15" },
        { "W3", ClockMode.Suspend, "2026-10-29", "2026-12-29" },
        { "W3", ClockMode.Restart, "2026-11-02", "2027-01-04" },
    };

    [Theory]
    [MemberData(nameof(W3Data))]
    public void W3_fee_requested_and_paid(string id, ClockMode mode, string due, string extended)
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Fee, D("2026-09-18"), D("2026-10-02")) };
        var result = Calculator(new ClockSettings { Fee = mode }).Compute(D("2026-09-15"), waits, D("2026-10-05"));

        Assert.True(D(due) == result.DueBase, $"{id} {mode}: due {result.DueBase}");
        Assert.Equal(D(extended), result.DueExtended);
    }

    [Theory]
    [InlineData("W4", ClockMode.None)]
    [InlineData("W4", ClockMode.Suspend)]
    [InlineData("W4", ClockMode.Restart)]
    public void W4_late_identity_request_is_ignored_CLK_2_2(string id, ClockMode mode)
    {
        // Asked 9 working days after receipt, no DPO override.
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-13"), D("2026-03-20")) };
        var result = Calculator(new ClockSettings { Identity = mode }).Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.True(D("2026-04-02") == result.DueBase, $"{id} {mode}: due {result.DueBase}");
        Assert.Equal(D("2026-03-02"), result.StartOn);
        Assert.Equal(0, result.SuspendedDays);
    }

    [Theory]
    [InlineData(ClockMode.None, "2026-04-02")]
    [InlineData(ClockMode.Suspend, "2026-04-09")]  // 7 days: 04-02 + 7
    [InlineData(ClockMode.Restart, "2026-04-20")]  // R_start 03-20 → 04-20
    public void W4_late_identity_request_counts_when_DPO_overrides_CLK_2_2(ClockMode mode, string due)
    {
        var waits = new[] { new WaitingInterval(WaitingReason.Identity, D("2026-03-13"), D("2026-03-20"), LateRequestOverridden: true) };
        var result = Calculator(new ClockSettings { Identity = mode }).Compute(D("2026-03-02"), waits, D("2026-03-25"));

        Assert.Equal(D(due), result.DueBase);
    }
}
