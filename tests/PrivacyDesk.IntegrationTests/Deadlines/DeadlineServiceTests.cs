using Microsoft.Extensions.Configuration;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Deadlines;

/// <summary>
/// The clock across the lifecycle (gdpr-rules.md §1.6, worked example W1) through the Web DeadlineService, with the
/// CLOCK_IDENTITY switch read from configuration exactly as the app reads it. No database: the request aggregate
/// is driven by its own transitions.
/// </summary>
public sealed class DeadlineServiceTests
{
    private static readonly DateTimeOffset Receipt = At("2026-03-02"); // W1: R 2026-03-02 Mon

    public static TheoryData<string, string, string, int> W1 => new()
    {
        // CLOCK_IDENTITY, due, extended due, suspended days
        { "NONE", "2026-04-02", "2026-06-02", 0 },
        { "SUSPEND", "2026-04-14", "2026-06-15", 12 },
        { "RESTART", "2026-04-16", "2026-06-16", 0 },
    };

    [Theory]
    [MemberData(nameof(W1))]
    public void Should_compute_W1_after_identity_is_received_per_CLOCK_IDENTITY_CLK1_CLK3(string mode, string due, string extended, int suspended)
    {
        var clock = TestTime.Create(Receipt);
        var service = Service(mode, clock);
        var request = Receive(clock);
        Assert.True(service.Recompute(request, "test", "intake"));

        clock.Now = At("2026-03-04"); // ID asked 2026-03-04 Wed
        request.AskDataSubject(WaitingReason.Identity, "Name differs from the file (ID-1)", necessary: true, Today(clock), clock.Now, "dpo");
        service.Recompute(request, "dpo", "waiting for identity");
        clock.Now = At("2026-03-16"); // ID received 2026-03-16 Mon
        request.ReceiveFromDataSubject(Today(clock), clock.Now, "candidate");
        service.Recompute(request, "candidate", "identity received");

        var computed = service.Compute(request);
        Assert.Equal(D(due), request.DueOn);
        Assert.Equal(D(extended), request.MaxExtendedDueOn);
        Assert.Equal(D("2026-04-02"), request.ConservativeDueOn); // CLK-3: staff always see the no-waiting date
        Assert.False(request.DueIsProvisional);
        Assert.Equal(suspended, computed.SuspendedDays);
        Assert.Equal(mode == "RESTART" ? D("2026-03-16") : D("2026-03-02"), computed.StartOn);
    }

    public static TheoryData<string, string, bool> Provisional => new()
    {
        // While the identity wait is open on 2026-03-10: the formula with end = today (CLK-3).
        { "NONE", "2026-04-02", false },
        { "SUSPEND", "2026-04-08", true },   // 2026-04-02 + 6 days
        { "RESTART", "2026-04-10", true },   // a month from 2026-03-10
    };

    [Theory]
    [MemberData(nameof(Provisional))]
    public void Should_show_a_provisional_due_date_while_waiting_for_identity_CLK3(string mode, string due, bool provisional)
    {
        var clock = TestTime.Create(Receipt);
        var service = Service(mode, clock);
        var request = Receive(clock);
        service.Recompute(request, "test", "intake");
        clock.Now = At("2026-03-04");
        request.AskDataSubject(WaitingReason.Identity, "Name differs from the file (ID-1)", necessary: true, Today(clock), clock.Now, "dpo");

        clock.Now = At("2026-03-10");
        service.Recompute(request, "system", "daily provisional date");

        Assert.Equal(RequestStatus.AwaitingDataSubject, request.Status);
        Assert.Equal(D(due), request.DueOn);
        Assert.Equal(provisional, request.DueIsProvisional);
    }

    [Fact]
    public void Should_audit_every_change_of_the_dates_and_nothing_when_they_stay_1_9()
    {
        var clock = TestTime.Create(Receipt);
        var service = Service("SUSPEND", clock);
        var request = Receive(clock);
        service.Recompute(request, "test", "intake");
        var before = request.Events.Count(e => e.Type == "deadlines.recomputed");

        Assert.False(service.Recompute(request, "test", "nothing changed"));
        Assert.Equal(before, request.Events.Count(e => e.Type == "deadlines.recomputed"));

        clock.Now = At("2026-03-04");
        request.AskDataSubject(WaitingReason.Identity, "Name differs from the file (ID-1)", necessary: true, Today(clock), clock.Now, "dpo");
        clock.Now = At("2026-03-16");
        request.EstablishIdentity("branch visit, ID shown (ID-4 step 4)", clock.Now, Today(clock), "dpo"); // ends the wait too

        Assert.True(service.Recompute(request, "dpo", "identity established"));
        var audit = request.Events.Last(e => e.Type == "deadlines.recomputed");
        Assert.Contains("2026-04-02 → 2026-04-14", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("identity established", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_not_count_a_wait_that_was_not_necessary_CLK2()
    {
        var clock = TestTime.Create(Receipt);
        var service = Service("SUSPEND", clock);
        var request = Receive(clock);
        clock.Now = At("2026-03-04");
        request.AskDataSubject(WaitingReason.Identity, "Routine ID check", necessary: false, Today(clock), clock.Now, "dpo");
        clock.Now = At("2026-03-16");
        request.ReceiveFromDataSubject(Today(clock), clock.Now, "candidate");

        service.Recompute(request, "candidate", "identity received");

        Assert.Equal(D("2026-04-02"), request.DueOn);
    }

    [Fact]
    public void Should_reject_an_unknown_CLOCK_IDENTITY_value_at_start_up_section_8()
    {
        Assert.Throws<InvalidOperationException>(() => Rules("PAUSE"));
        Assert.Throws<InvalidOperationException>(() => RulesConfiguration.Read(Config(new() { ["Rules:CLOCK_CLARIFICATION"] = "RESTART" })));
    }

    private static DeadlineService Service(string identityMode, TimeProvider clock) =>
        new(Rules(identityMode), BelgianHolidayCalendar.Default, clock);

    private static RulesConfiguration Rules(string identityMode) =>
        RulesConfiguration.Read(Config(new() { ["Rules:CLOCK_IDENTITY"] = identityMode }));

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static DataSubjectRequest Receive(TimeProvider clock) =>
        DataSubjectRequest.Receive("PD-2026-000001", Channel.Email, clock.GetUtcNow(), Today(clock), clock.GetUtcNow(), Today(clock), "nl",
            new DataSubjectRequest.Requester("Lotte", "Janssens", "lotte@example.be", null, null),
            [new DataSubjectRequest.SubRequestInput(RequestType.Access, null)], null, false, "hash", null, "staff");

    private static DateOnly Today(TimeProvider clock) => BrusselsTime.Today(clock);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>10:00 Brussels on that date (winter or summer time alike, the date is the same).</summary>
    private static DateTimeOffset At(string iso) => new(D(iso).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
}
