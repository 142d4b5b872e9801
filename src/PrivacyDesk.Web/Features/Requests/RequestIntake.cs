using System.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using PrivacyDesk.Domain.Deadlines;

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
        var email = input.Requester.Email.Trim();
        var (next, duplicate) = await NextReferenceAndDuplicateAsync(email, input.Rights.Select(r => r.Type.ToString()).Distinct().ToArray(), ct);
        var reference = $"PD-{receivedOn.Year}-{next:D6}";

        var request = DataSubjectRequest.Receive(reference, input.Channel, receivedAt, receivedOn, now, today,
            input.Language, input.Requester, input.Rights, input.Description, input.ContactConsent, Tokens.Hash(token),
            input.SubmissionKey, actor);
        ApplyDeadlines(request, today);
        Infrastructure.Telemetry.PrivacyDeskTelemetry.RequestsReceived.Add(1, new KeyValuePair<string, object?>("channel", input.Channel.ToString()));

        // Duplicates (same person, same right, still open) are flagged for the DPO, never merged.
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

    /// <summary>
    /// The next reference number and the reference of an open request of the same person for one of the same
    /// rights, if any, in one round trip (intake is the hottest path of the app, docs/performance.md).
    /// </summary>
    private async Task<(long Next, string? Duplicate)> NextReferenceAndDuplicateAsync(string email, string[] types, CancellationToken ct)
    {
        const string sql = $$"""
            SELECT nextval('request_reference_seq'),
                   (SELECT r.reference FROM requests r
                    WHERE r.requester_email = @email AND r.status NOT IN ('{{nameof(RequestStatus.Closed)}}', '{{nameof(RequestStatus.Withdrawn)}}', '{{nameof(RequestStatus.Abandoned)}}')
                      AND EXISTS (SELECT 1 FROM sub_requests s WHERE s.request_id = r.id AND s.type = ANY(@types))
                    LIMIT 1)
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
            command.Parameters.AddWithValue("email", email);
            command.Parameters.AddWithValue("types", types);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }
}
