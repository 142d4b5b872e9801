using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// ID-4 steps 2–3 without new data: once the person proved control of the e-mail address, the address
/// plus the date of birth (or the phone number) they gave must match exactly one candidate already on
/// file. Then identity is established automatically; otherwise (none, or several) the DPO decides.
/// </summary>
public sealed class IdentityMatcher(PrivacyDeskDbContext db, DeadlineService deadlines, TimeProvider clock)
{
    public const string MethodDateOfBirth = "E-mail link + date of birth";
    public const string MethodPhone = "E-mail link + phone";

    /// <summary>Returns true when identity was established; the caller's transaction saves the changes.</summary>
    public async Task<bool> TryEstablishAsync(DataSubjectRequest request, CancellationToken ct)
    {
        if (request.IdentityStatus != IdentityStatus.EmailVerified || request.CandidateId is not null)
            return false;
        var email = request.RequesterEmail.Trim().ToLowerInvariant();
        if (email.Length == 0)
            return false;
        var candidates = await db.Candidates.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Email != null && c.Email.ToLower() == email && c.AnonymisedAt == null)
            .Select(c => new { c.Id, c.DateOfBirth, c.Phone })
            .ToListAsync(ct);
        var phone = PhoneNumber.ToE164(request.RequesterPhone);
        var matches = candidates
            .Select(c => new
            {
                c.Id,
                ByBirth = request.RequesterDateOfBirth is { } dob && c.DateOfBirth == dob,
                ByPhone = phone is not null && PhoneNumber.ToE164(c.Phone) == phone,
            })
            .Where(m => m.ByBirth || m.ByPhone)
            .ToList();
        if (matches.Count != 1)
            return false;

        var match = matches[0];
        var method = match.ByBirth ? MethodDateOfBirth : MethodPhone;
        var now = clock.GetUtcNow();
        var today = Domain.Deadlines.BrusselsTime.ToBrusselsDate(now);
        request.LinkCandidate(match.Id, method, now, "system");
        request.EstablishIdentity(method, now, today, "system");
        deadlines.Recompute(request, "system", "identity established by matching, the identity wait ends (CLK-3)");
        return true;
    }
}
