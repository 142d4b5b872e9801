using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Domain.Plans;

/// <summary>One item of a record set; the profile is the candidate itself (Id = candidate id).</summary>
internal readonly record struct RecordRef(Guid Id, CandidateRecord? Record);
