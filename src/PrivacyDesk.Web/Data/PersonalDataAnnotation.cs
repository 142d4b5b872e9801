using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data;

/// <summary>
/// What an entity holds of a data subject and how it is erased (product.md §3). Access reports,
/// portability exports, erasure and retention expiry read these annotations, so a new table cannot
/// be forgotten: <c>PersonalDataAnnotationTests</c> fails when an entity with a CandidateId has none.
/// </summary>
public sealed record PersonalDataAnnotation(
    RecordSet? RecordSet,
    string Purpose,
    DataCategory Category,
    bool ProvidedBySubject,
    ErasureMethod Erasure,
    IReadOnlyList<string> AnonymiseFields,
    IReadOnlyList<string> NotPortableFields);
