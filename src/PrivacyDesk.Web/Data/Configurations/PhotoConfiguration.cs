using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class PhotoConfiguration : CandidateRecordConfiguration<Photo>
{
    protected override string Table => "photos";

    protected override void ConfigureRecord(EntityTypeBuilder<Photo> b)
    {
        b.Property(r => r.FileName).HasMaxLength(255);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.HoldsPersonalData(RecordSet.Photos, "Optional photo (consent)", DataCategory.Photo, true, ErasureMethod.Delete);
    }
}
