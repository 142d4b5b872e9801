using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Features.Deadlines;

/// <summary>
/// DL-12: the override table for one-off changes to a legal holiday by Royal Decree. Only the DPO changes it;
/// only the ten DL-10 holidays can be moved or cancelled for a year (no day can be added, so company closing
/// days never enter). Every change is audited. Open requests keep their stored deadlines until the DPO runs
/// <see cref="RecomputeDeadlines"/> (§1.9); new computations use the new calendar once the change commits.
/// </summary>
public static class HolidayOverrides
{
    /// <summary>Moves a legal holiday to another date of the same year, or cancels it for that year (MovedTo null).</summary>
    [RequiresRole(Roles.Dpo)]
    public sealed record SetCommand : ICommand<Unit>
    {
        public int Year { get; init; }
        public string Name { get; init; } = "";
        public DateOnly? MovedTo { get; init; }

        /// <summary>The Royal Decree or other ground, e.g. "RD 24 January 2008 (1 May = Ascension Day)".</summary>
        public string Reason { get; init; } = "";
    }

    /// <summary>Deletes an override: the holiday falls on its DL-10 date again.</summary>
    [RequiresRole(Roles.Dpo)]
    public sealed record RemoveCommand : ICommand<Unit>
    {
        public int Year { get; init; }
        public string Name { get; init; } = "";
        public string Reason { get; init; } = "";
    }

    /// <summary>The holidays of a year as the deadline calculator sees them, with the overrides that apply.</summary>
    [RequiresRole(Roles.Dpo, Roles.BackOffice)]
    public sealed record Query : IRequest<YearView>
    {
        public int Year { get; init; }
    }

    public sealed record YearView(int Year, IReadOnlyList<Holiday> Holidays, IReadOnlyList<HolidayOverride> Overrides);

    public sealed class SetValidator : AbstractValidator<SetCommand>
    {
        public SetValidator()
        {
            RuleFor(c => c.Year).InclusiveBetween(1900, 2200);
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
        }
    }

    public sealed class RemoveValidator : AbstractValidator<RemoveCommand>
    {
        public RemoveValidator()
        {
            RuleFor(c => c.Year).InclusiveBetween(1900, 2200);
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
        }
    }

    public sealed class SetHandler(PrivacyDeskDbContext db, HolidayCalendarProvider calendar, AfterCommit afterCommit, TimeProvider clock, ICurrentUser user)
        : IRequestHandler<SetCommand, Unit>
    {
        public async Task<Unit> Handle(SetCommand command, CancellationToken cancellationToken)
        {
            var checkedOverride = BelgianHolidayCalendar.CheckOverride(command.Year, command.Name, command.MovedTo);
            var entry = await db.HolidayOverrides.FirstOrDefaultAsync(h => h.Year == command.Year && h.Name == command.Name, cancellationToken);
            var before = entry is null ? "its legal date" : Describe(entry.MovedTo);
            if (entry is null)
            {
                entry = new HolidayOverrideEntry { Year = checkedOverride.Year, Name = checkedOverride.Name };
                db.HolidayOverrides.Add(entry);
            }
            entry.MovedTo = checkedOverride.MovedTo;
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "holiday.override-set",
                $"{command.Name} {command.Year} ({BelgianHolidayCalendar.LegalDate(command.Year, command.Name):yyyy-MM-dd}): {before} → {Describe(command.MovedTo)}. " +
                $"Reason: {command.Reason.Trim()}. Open requests keep their deadlines until the DPO recomputes them (§1.9)."));
            afterCommit.Add(calendar.Invalidate);
            return Unit.Value;
        }
    }

    public sealed class RemoveHandler(PrivacyDeskDbContext db, HolidayCalendarProvider calendar, AfterCommit afterCommit, TimeProvider clock, ICurrentUser user)
        : IRequestHandler<RemoveCommand, Unit>
    {
        public async Task<Unit> Handle(RemoveCommand command, CancellationToken cancellationToken)
        {
            var entry = await db.HolidayOverrides.FirstOrDefaultAsync(h => h.Year == command.Year && h.Name == command.Name, cancellationToken)
                ?? throw new DomainException("holiday.no-override", $"There is no override for {command.Name} {command.Year}.", "DL-12");
            db.HolidayOverrides.Remove(entry);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "holiday.override-removed",
                $"{command.Name} {command.Year}: {Describe(entry.MovedTo)} → its legal date {BelgianHolidayCalendar.LegalDate(command.Year, command.Name):yyyy-MM-dd}. " +
                $"Reason: {command.Reason.Trim()}. Open requests keep their deadlines until the DPO recomputes them (§1.9)."));
            afterCommit.Add(calendar.Invalidate);
            return Unit.Value;
        }
    }

    public sealed class QueryHandler(HolidayCalendarProvider calendar) : IRequestHandler<Query, YearView>
    {
        public Task<YearView> Handle(Query query, CancellationToken cancellationToken) =>
            Task.FromResult(new YearView(query.Year, calendar.HolidaysIn(query.Year), calendar.Overrides.Where(o => o.Year == query.Year).ToList()));
    }

    private static string Describe(DateOnly? movedTo) => movedTo is { } d ? $"moved to {d:yyyy-MM-dd}" : "cancelled";
}
