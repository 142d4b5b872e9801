using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>
/// ACC-6: professional e-mails mentioning the person go into the access copy as a reviewed, redacted extract
/// (others' data removed, 15(4)). Until every one is reviewed, a task holds the access package back.
/// </summary>
public sealed class EmailReview(PrivacyDeskDbContext db, TimeProvider clock)
{
    public const string TaskTitle = "Review the professional e-mails for the access copy (ACC-6)";

    /// <summary>The candidate's e-mails not yet reviewed (restricted ones included: access covers them, LH-3).</summary>
    public Task<List<ProfessionalEmail>> PendingAsync(Guid candidateId, CancellationToken ct) =>
        db.ProfessionalEmails.IgnoreQueryFilters()
            .Where(e => e.CandidateId == candidateId && (e.RedactedExtract == null || e.RedactedExtract == ""))
            .OrderBy(e => e.SentAt).ToListAsync(ct);

    /// <summary>True while e-mails await review: the review task exists (created once) and the package waits.</summary>
    public async Task<bool> HoldsBackAsync(DataSubjectRequest request, CancellationToken ct)
    {
        if (request.CandidateId is not { } candidateId || (await PendingAsync(candidateId, ct)).Count == 0)
            return false;
        if (!await db.Tasks.AnyAsync(t => t.RequestId == request.Id && t.Kind == WorkTaskKind.ReviewProfessionalEmails && t.Status == WorkTaskStatus.Open, ct))
        {
            db.Tasks.Add(new WorkTask(request.Id, WorkTaskKind.ReviewProfessionalEmails, TaskTitle,
                "Read each professional e-mail that mentions this person and write the extract they receive: their own data in full, other people's data and business secrets removed (Art. 15(4)). Then carry out the plan again: the access package is built with these extracts.",
                "Access: Art. 15(3) GDPR and C-487/21 — extracts where needed to understand the data (ACC-4, ACC-6)", clock.GetUtcNow()));
            request.Record(clock.GetUtcNow(), "system", "access.emails-review-needed", "The access package waits for the review of professional e-mails (ACC-6).");
        }
        return true;
    }
}
