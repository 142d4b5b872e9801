using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.Domain.Requests;

/// <summary>Identity of the requester (ID-1..ID-6): status links, e-mail confirmation, linking to a candidate, no data held.</summary>
public sealed partial class DataSubjectRequest
{
    public void IssueVerificationToken(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        VerificationTokenHash = tokenHash;
        VerificationExpiresAt = expiresAt;
        Record(now, actor, "identity.link-sent", "E-mail verification link sent (ID-4 step 2).");
    }

    /// <summary>
    /// The person asked for their status link again ("find my request"): a new secret replaces the old
    /// one (only its hash is stored, so the old link cannot be re-sent) and the old link stops working.
    /// </summary>
    /// <summary>
    /// Sends a new status link without revoking the current one: whoever knows the reference and the e-mail address
    /// can ask for a link (it goes to the requester's address), so asking must not cut off the link the requester holds.
    /// </summary>
    public void OfferStatusToken(string tokenHash, DateTimeOffset now, string actor)
    {
        if (string.IsNullOrWhiteSpace(tokenHash))
            throw new DomainException("request.status-token", "A status link needs a token.");
        PendingStatusTokenHash = tokenHash;
        Record(now, actor, "request.status-link-renewed", "Status link sent again at the requester's request.");
    }

    /// <summary>The new status link was opened: it becomes the link, and the previous one stops working.</summary>
    public void AdoptPendingStatusToken(DateTimeOffset now)
    {
        if (PendingStatusTokenHash is null)
            throw new DomainException("request.status-token", "There is no new status link to adopt.");
        StatusTokenHash = PendingStatusTokenHash;
        PendingStatusTokenHash = null;
        Record(now, "candidate", "request.status-link-adopted", "The new status link was opened; the previous one no longer works.");
    }

    /// <summary>ID-4 step 2: the person proved control of the e-mail address.</summary>
    public void ConfirmEmail(string tokenHash, DateTimeOffset now)
    {
        EnsureOpen();
        if (VerificationTokenHash is null || VerificationTokenHash != tokenHash)
            throw new DomainException("identity.link-invalid", "This verification link is not valid.");
        if (VerificationExpiresAt is { } exp && now > exp)
            throw new DomainException("identity.link-expired", "This verification link has expired. Ask for a new one on the status page.");
        VerificationTokenHash = null;
        VerificationExpiresAt = null;
        if (IdentityStatus == IdentityStatus.NotChecked)
            IdentityStatus = IdentityStatus.EmailVerified;
        Record(now, "candidate", "identity.email-confirmed", "Control of the e-mail address confirmed.");
    }

    public void LinkCandidate(Guid candidateId, string why, DateTimeOffset now, string actor)
    {
        EnsureOpen();
        CandidateId = candidateId;
        Record(now, actor, "identity.candidate-linked", $"Linked to candidate record {candidateId}: {why}", candidateId: candidateId);
    }

    /// <summary>Identity established (automatically by matching, or by the DPO); review can start.</summary>
    public void EstablishIdentity(string method, DateTimeOffset now, DateOnly today, string actor)
    {
        EnsureOpen();
        IdentityStatus = IdentityStatus.Verified;
        IdentityMethod = method;
        IdentityCheckedAt = now;
        IdentityCheckedBy = actor;
        CloseWaiting(Requests.WaitingReason.Identity, today);
        if (Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject)
        {
            Status = RequestStatus.InReview;
            WaitingReason = null;
        }
        Record(now, actor, "identity.verified", $"Identity checked on {today:yyyy-MM-dd}, method {method}.");
        DeleteIdentityProofs(now, actor, "identity established");
    }

    /// <summary>The DPO found no candidate data for this verified person (EDPB-ACC Ex. 38).</summary>
    public void MarkNoDataHeld(DateTimeOffset now, string actor)
    {
        EnsureOpen();
        IdentityStatus = IdentityStatus.NoDataHeld;
        CandidateId = null;
        if (Status is RequestStatus.Received or RequestStatus.AwaitingDataSubject)
            Status = RequestStatus.InReview;
        Record(now, actor, "identity.no-data", "No data held about the requester.");
        DeleteIdentityProofs(now, actor, "identity settled, no data held");
    }
}
