using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>What the EF annotations say about one record set: who provided it, how it is erased, what never leaves in a portability file.</summary>
public sealed record RecordSetProfile(RecordSet RecordSet, bool ProvidedBySubject, ErasureMethod Erasure, IReadOnlyList<string> NotPortableFields);
