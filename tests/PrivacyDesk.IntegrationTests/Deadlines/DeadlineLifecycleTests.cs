using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Deadlines;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Deadlines;

/// <summary>
/// Deadlines on real PostgreSQL through the app's handlers: intake (§1.8 E-rows, §1.9), the DL-12 override table
/// with the DPO's explicit recomputation (§1.9), and the CLK-2(2) override of a late information request.
/// </summary>
public sealed class DeadlineLifecycleTests(AppFixture app) : IntegrationTest(app)
{
    public static TheoryData<string, string, string, string> IntakeRows => new()
    {
        // id, received (10:00 Brussels), due (1 month, rolled), extended due (3 months, rolled)
        { "E01", "2027-03-05", "2027-04-05", "2027-06-07" },
        { "E02", "2026-03-05", "2026-04-07", "2026-06-05" },
        { "E05", "2027-01-31", "2027-03-01", "2027-04-30" },
        { "E07", "2028-01-31", "2028-02-29", "2028-05-02" },
        { "E10", "2027-02-28", "2027-03-30", "2027-05-28" },
        { "E15", "2027-10-01", "2027-11-02", "2028-01-03" },
        { "E18", "2026-11-25", "2026-12-28", "2027-02-25" },
        { "E22", "2026-04-14", "2026-05-15", "2026-07-14" },
        { "E27", "2026-12-31", "2027-02-01", "2027-03-31" },
    };

    [Theory]
    [MemberData(nameof(IntakeRows))]
    public async Task Should_store_the_worked_example_deadlines_on_intake_DL7_DL9_EXT3(string row, string received, string due, string extended)
    {
        App.Clock.Now = At(received);

        var request = await App.AddRequestAsync(null, RequestType.Access);

        var stored = await App.WithDbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.True(D(due) == stored.DueOn, $"{row}: due {stored.DueOn}");
        Assert.Equal(D(extended), stored.MaxExtendedDueOn);
        Assert.Equal(D(due), stored.ConservativeDueOn);
        Assert.False(stored.DueIsProvisional);
    }

    [Fact]
    public async Task Should_take_the_receipt_date_in_Brussels_time_for_a_late_UTC_timestamp_section_1_9()
    {
        App.Clock.Now = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero); // 2026-04-01 00:30 in Brussels

        var request = await App.AddRequestAsync(null, RequestType.Erasure);

        Assert.Equal(D("2026-04-01"), request.ReceivedOn);
        Assert.Equal(D("2026-05-04"), request.DueOn); // 2026-05-01 is Labour Day (a Friday)
    }

    [Fact]
    public async Task Should_change_open_deadlines_only_when_the_DPO_recomputes_after_a_holiday_override_DL12_section_1_9()
    {
        App.Clock.Now = At("2026-04-14");
        var open = await App.AddRequestAsync(null, RequestType.Access);          // E22: due 2026-05-15 (Ascension 05-14)
        var withdrawn = await App.AddRequestAsync(null, RequestType.Erasure);
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDeskDbContext>();
            var r = await db.Requests.SingleAsync(x => x.Id == withdrawn.Id);
            r.Withdraw(App.Clock.GetUtcNow(), "candidate");
            await db.SaveChangesAsync();
        });
        Assert.Equal(D("2026-05-15"), open.DueOn);

        await App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.AscensionDay, MovedTo = null, Reason = "Test Royal Decree cancelling Ascension Day 2026",
        }, Roles.Dpo);

        // Never silently: the stored date of the open request has not moved ...
        Assert.Equal(D("2026-05-15"), await DueOn(open.Id));
        // ... while a new computation already uses the calendar in force.
        var later = await App.AddRequestAsync(null, RequestType.Access);
        Assert.Equal(D("2026-05-14"), later.DueOn);
        var view = await App.SendAsync(new HolidayOverrides.Query { Year = 2026 }, Roles.Dpo);
        Assert.Equal(9, view.Holidays.Count);
        Assert.Single(view.Overrides);

        var result = await App.SendAsync(new RecomputeDeadlines.Command(), Roles.Dpo);

        Assert.Equal(2, result.OpenRequests);
        Assert.Equal(new[] { open.Reference }, result.ChangedReferences);
        Assert.Equal(D("2026-05-14"), await DueOn(open.Id));
        Assert.Equal(D("2026-05-15"), await DueOn(withdrawn.Id)); // closed cases are never touched
        var events = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        Assert.Contains(events, e => e.Type == "holiday.override-set" && e.Summary.Contains("Ascension Day 2026", StringComparison.Ordinal));
        var recomputed = Assert.Single(events, e => e.Type == "deadlines.recomputed");
        Assert.Equal(open.Id, recomputed.RequestId);
        Assert.Contains("2026-05-15 → 2026-05-14", recomputed.Summary, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Type == "deadlines.recompute-run" && e.Summary.Contains("1 changed", StringComparison.Ordinal));

        // Removing the override restores the legal date, again only on recomputation.
        await App.SendAsync(new HolidayOverrides.RemoveCommand { Year = 2026, Name = BelgianHolidayCalendar.AscensionDay, Reason = "Decree withdrawn" }, Roles.Dpo);
        Assert.Equal(D("2026-05-14"), await DueOn(open.Id));
        await App.SendAsync(new RecomputeDeadlines.Command(), Roles.Dpo);
        Assert.Equal(D("2026-05-15"), await DueOn(open.Id));
    }

    [Fact]
    public async Task Should_move_a_legal_holiday_within_its_year_DL12()
    {
        App.Clock.Now = At("2026-04-01");
        Assert.Equal(D("2026-05-04"), (await App.AddRequestAsync(null, RequestType.Access)).DueOn); // 05-01 Labour Day → Mon 05-04

        await App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.LabourDay, MovedTo = D("2026-05-04"), Reason = "Test Royal Decree moving Labour Day 2026",
        }, Roles.Dpo);

        // 05-01 is now a working Friday; the holiday sits on Monday 05-04 instead.
        Assert.Equal(D("2026-05-01"), (await App.AddRequestAsync(null, RequestType.Access)).DueOn);
        App.Clock.Now = At("2026-04-04"); // raw 05-04 (moved holiday) → 05-05
        Assert.Equal(D("2026-05-05"), (await App.AddRequestAsync(null, RequestType.Access)).DueOn);
    }

    [Fact]
    public async Task Should_refuse_company_days_and_anyone_but_the_DPO_DL12_LH4()
    {
        var company = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = "Company closing day", MovedTo = D("2026-12-24"), Reason = "Year-end closure",
        }, Roles.Dpo));
        Assert.Equal("DL-12", company.Rule);
        var otherYear = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.ChristmasDay, MovedTo = D("2027-01-02"), Reason = "RD",
        }, Roles.Dpo));
        Assert.Equal("holiday.other-year", otherYear.Code);
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.ChristmasDay, Reason = "",
        }, Roles.Dpo));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new HolidayOverrides.SetCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.ChristmasDay, Reason = "RD",
        }, Roles.Admin, Roles.BackOffice));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new RecomputeDeadlines.Command(), Roles.BackOffice));
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new HolidayOverrides.RemoveCommand
        {
            Year = 2026, Name = BelgianHolidayCalendar.ChristmasDay, Reason = "nothing to remove",
        }, Roles.Dpo));

        Assert.Equal(0, await App.WithDbAsync(db => db.HolidayOverrides.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type.StartsWith("holiday."))));
    }

    [Fact]
    public async Task Should_count_a_late_information_request_only_after_the_DPO_override_and_recompute_W4_CLK2()
    {
        App.Clock.Now = At("2026-03-02"); // W4: R 2026-03-02
        var request = await App.AddRequestAsync(null, RequestType.Access);
        var waitId = Guid.Empty;
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PrivacyDeskDbContext>();
            var deadlines = sp.GetRequiredService<DeadlineService>();
            var r = await db.Requests.Include(x => x.WaitingPeriods).SingleAsync(x => x.Id == request.Id);
            App.Clock.Now = At("2026-03-13"); // 9 working days after receipt: too late (CLK-2(2))
            r.AskDataSubject(WaitingReason.Identity, "Phone number differs from the file", true, D("2026-03-13"), App.Clock.GetUtcNow(), "dpo");
            deadlines.Recompute(r, "dpo", "waiting for identity");
            App.Clock.Now = At("2026-03-20");
            r.ReceiveFromDataSubject(D("2026-03-20"), App.Clock.GetUtcNow(), "candidate");
            deadlines.Recompute(r, "candidate", "identity received");
            waitId = r.WaitingPeriods.Single().Id;
            await db.SaveChangesAsync();
        });
        Assert.Equal(D("2026-04-02"), await DueOn(request.Id)); // interval ignored

        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new RecordWaitingOverride.Command
        {
            RequestId = request.Id, WaitingPeriodId = waitId, Reason = "x",
        }, Roles.BackOffice));
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new RecordWaitingOverride.Command
        {
            RequestId = request.Id, WaitingPeriodId = waitId, Reason = " ",
        }, Roles.Dpo));

        var result = await App.SendAsync(new RecordWaitingOverride.Command
        {
            RequestId = request.Id, WaitingPeriodId = waitId, Reason = "The request reached the DPO late through a branch; doubt was real",
        }, Roles.Dpo);

        Assert.True(result.DeadlinesChanged);
        Assert.Equal(D("2026-04-09"), result.DueOn);            // 2026-04-02 + 7 suspended days
        Assert.Equal(D("2026-06-09"), result.MaxExtendedDueOn); // 2026-06-02 + 7
        Assert.Equal(D("2026-04-09"), await DueOn(request.Id));
        var types = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == request.Id).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());
        Assert.Contains("clock.override", types);
        Assert.Equal("deadlines.recomputed", types[^1]);
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new RecordWaitingOverride.Command
        {
            RequestId = request.Id, WaitingPeriodId = waitId, Reason = "again",
        }, Roles.Dpo));
    }

    private Task<DateOnly> DueOn(Guid id) => App.WithDbAsync(db => db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.DueOn).SingleAsync());

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string iso) => new(D(iso).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
}
