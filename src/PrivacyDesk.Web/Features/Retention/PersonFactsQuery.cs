using Npgsql;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Retention;

namespace PrivacyDesk.Web.Features.Retention;

/// <summary>
/// The person-level inputs of every candidate's retention facts (RET-9, ER-2) in one grouped query: the same
/// aggregates <see cref="PersonActivity.Of"/> takes from a loaded candidate, so that <see cref="PersonActivity.Facts"/>
/// is the one derivation for the plan engine and the sweep (held to each other by a property test).
/// </summary>
public static class PersonFactsQuery
{
    public static async Task<Dictionary<Guid, PersonActivity>> LoadAsync(NpgsqlConnection conn, DateOnly today, CancellationToken ct)
    {
        // Message dates are Brussels calendar days, as BrusselsTime.ToBrusselsDate gives them.
        const string sql = """
            SELECT c.id, c.last_working_day, c.career_ended_on, c.last_activity_on, c.employment_status,
                   COALESCE(a.n, 0), COALESCE(a.any_open_end, false), COALESCE(a.any_running, false), a.latest_ended, a.max_end,
                   ap.latest_app, GREATEST(m.latest, cp.latest)
            FROM candidates c
            LEFT JOIN (SELECT candidate_id,
                              bool_or(end_date IS NULL OR end_date >= @today) AS any_running,
                              max(end_date) FILTER (WHERE end_date < @today) AS latest_ended,
                              bool_or(end_date IS NULL) AS any_open_end,
                              max(end_date) AS max_end, count(*)::int AS n
                       FROM assignments GROUP BY candidate_id) a ON a.candidate_id = c.id
            LEFT JOIN (SELECT candidate_id, max(applied_on) AS latest_app FROM applications GROUP BY candidate_id) ap ON ap.candidate_id = c.id
            LEFT JOIN (SELECT candidate_id, max((received_at AT TIME ZONE 'Europe/Brussels')::date) AS latest
                       FROM contact_messages GROUP BY candidate_id) m ON m.candidate_id = c.id
            LEFT JOIN (SELECT candidate_id, max(received_on) AS latest FROM complaints GROUP BY candidate_id) cp ON cp.candidate_id = c.id
            """;
        var people = new Dictionary<Guid, PersonActivity>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("today", today);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            DateOnly? D(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);
            people[reader.GetGuid(0)] = new PersonActivity
            {
                LastWorkingDay = D(1),
                CareerEndedOn = D(2),
                LastLogin = D(3),
                Status = Enum.Parse<EmploymentStatus>(reader.GetString(4)),
                Assignments = reader.GetInt32(5),
                AnyOpenEnded = reader.GetBoolean(6),
                AnyRunning = reader.GetBoolean(7),
                LatestEnded = D(8),
                LatestEnd = D(9),
                LatestApplication = D(10),
                LatestMessage = D(11),
            };
        }
        return people;
    }
}
