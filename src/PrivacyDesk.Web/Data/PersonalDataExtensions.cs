using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data;

public static class PersonalDataExtensions
{
    public const string PersonalDataKey = "PrivacyDesk:PersonalData";
    public const string NoPersonalContentKey = "PrivacyDesk:NoPersonalContent";

    public static EntityTypeBuilder<T> HoldsPersonalData<T>(this EntityTypeBuilder<T> builder, RecordSet? recordSet, string purpose,
        DataCategory category, bool providedBySubject, ErasureMethod erasure, string[]? anonymiseFields = null,
        string[]? notPortableFields = null)
        where T : class
    {
        builder.HasAnnotation(PersonalDataKey, new PersonalDataAnnotation(recordSet, purpose, category, providedBySubject, erasure,
            anonymiseFields ?? [], notPortableFields ?? []));
        return builder;
    }

    public static EntityTypeBuilder<T> HoldsNoPersonalContent<T>(this EntityTypeBuilder<T> builder, string why)
        where T : class
    {
        builder.HasAnnotation(NoPersonalContentKey, new NoPersonalContentAnnotation(why));
        return builder;
    }

    public static PersonalDataAnnotation? PersonalData(this IReadOnlyEntityType entityType) =>
        entityType.FindAnnotation(PersonalDataKey)?.Value as PersonalDataAnnotation;

    public static bool HoldsNoPersonalContent(this IReadOnlyEntityType entityType) =>
        entityType.FindAnnotation(NoPersonalContentKey) is not null;
}
