using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// Recomputes a request's statutory dates wherever its clock can change (gdpr-rules.md §1.6–§1.7), with the
/// configured CLOCK_* switches and the holiday calendar in force, and audits every change. Call it after
/// <c>AskDataSubject</c> (a wait opens: the due date becomes provisional), <c>ReceiveFromDataSubject</c> and
/// <c>EstablishIdentity</c> (the wait ends), <c>OverrideLateInformationRequest</c> (CLK-2 override), and for the
/// DPO's explicit recomputation after a holiday override (§1.9). Intake uses <see cref="RequestIntake"/>.
/// </summary>
public sealed class DeadlineService(DeadlineCalculator calculator, TimeProvider clock)
{
    /// <summary>For tests and tools: a service over a given configuration and calendar.</summary>
    public DeadlineService(RulesConfiguration rules, IHolidayCalendar calendar, TimeProvider clock)
        : this(new DeadlineCalculator(calendar, rules.Clock), clock)
    {
    }

    /// <summary>The dates as they stand today (an open wait counts until today: provisional, CLK-3).</summary>
    public RequestDeadlines Compute(DataSubjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return calculator.Compute(request.ReceivedOn, request.WaitingIntervals(), BrusselsTime.Today(clock));
    }

    /// <summary>CLK-2(2): whether a question sent on <paramref name="sentOn"/> is within the limit after <paramref name="reference"/>.</summary>
    public bool IsTimelyQuestion(DateOnly reference, DateOnly sentOn) => calculator.IsTimelyQuestion(reference, sentOn);

    /// <summary>Stores the dates of <see cref="Compute"/> on the request; audited when anything changed.</summary>
    public bool Recompute(DataSubjectRequest request, string actor, string cause) =>
        request.RecomputeDeadlines(Compute(request), clock.GetUtcNow(), actor, cause);
}
