using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Security;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// The one way a request comes in, whatever the channel (portal, staff registration, API, demo data):
/// reference, receipt date in Brussels, statutory deadlines, status token and duplicate check.
/// </summary>
public sealed class RequestIntake(PrivacyDeskDbContext db, DeadlineCalculator deadlines, TimeProvider clock)
{
    public sealed record Input(
        Channel Channel,
        DateTimeOffset? ReceivedAt,
        string Language,
        DataSubjectRequest.Requester Requester,
        IReadOnlyList<DataSubjectRequest.SubRequestInput> Rights,
        string? Description,
        bool ContactConsent,
        string? SubmissionKey);

    public sealed record Created(DataSubjectRequest Request, string StatusToken);

    public async Task<Created> ReceiveAsync(Input input, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = BrusselsTime.ToBrusselsDate(now);
        // timestamptz columns take UTC; the Brussels date is derived from the instant, not its offset.
        var receivedAt = (input.ReceivedAt ?? now).ToUniversalTime();
        var receivedOn = BrusselsTime.ToBrusselsDate(receivedAt);
        var token = Tokens.New();
        var reference = await NextReferenceAsync(receivedOn.Year, ct);

        var request = DataSubjectRequest.Receive(reference, input.Channel, receivedAt, receivedOn, now, today,
            input.Language, input.Requester, input.Rights, input.Description, input.ContactConsent, Tokens.Hash(token),
            input.SubmissionKey, actor);
        ApplyDeadlines(request, today);

        // Duplicates (same person, same right, still open) are flagged for the DPO, never merged.
        var email = input.Requester.Email.Trim();
        var types = input.Rights.Select(r => r.Type).ToList();
        var duplicate = await db.Requests.AsNoTracking()
            .Where(r => r.RequesterEmail == email && r.Status != RequestStatus.Closed && r.Status != RequestStatus.Withdrawn && r.Status != RequestStatus.Abandoned)
            .Where(r => r.SubRequests.Any(s => types.Contains(s.Type)))
            .Select(r => r.Reference)
            .FirstOrDefaultAsync(ct);
        if (duplicate is not null)
            request.FlagDuplicate(duplicate, now, actor);

        db.Requests.Add(request);
        return new Created(request, token);
    }

    /// <summary>
    /// Computes the statutory dates from receipt and the waiting periods (CLK-3) and stores them without an audit
    /// entry: meant for intake. After a change to the clock of an existing request use <see cref="DeadlineService"/>,
    /// which audits the old and new dates.
    /// </summary>
    public void ApplyDeadlines(DataSubjectRequest request, DateOnly today)
    {
        var d = deadlines.Compute(request.ReceivedOn, request.WaitingIntervals(), today);
        request.SetDeadlines(d.DueBase, d.DueExtended, d.Conservative, d.IsProvisional);
    }

    private async Task<string> NextReferenceAsync(int year, CancellationToken ct)
    {
        var next = await db.Database.SqlQueryRaw<long>("SELECT nextval('request_reference_seq') AS \"Value\"").SingleAsync(ct);
        return $"PD-{year}-{next:D6}";
    }
}
