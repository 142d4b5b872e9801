namespace PrivacyDesk.Domain.Candidates;

public enum EmploymentStatus
{
    Candidate,
    Working,
    FormerWorker,
}
