using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class ProcessingPurposeConfiguration : IEntityTypeConfiguration<ProcessingPurpose>
{
    public void Configure(EntityTypeBuilder<ProcessingPurpose> b)
    {
        b.ToTable("processing_purposes");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(60);
        b.HasIndex(p => p.Code).IsUnique();
        foreach (var name in new[] { "NameNl", "NameFr", "NameEn" })
            b.Property<string>(name).HasMaxLength(200);
        foreach (var name in new[] { "DescriptionNl", "DescriptionFr", "DescriptionEn" })
            b.Property<string>(name).HasMaxLength(4000);
        b.Property(p => p.Article9Condition).HasMaxLength(200);
        b.Property(p => p.Source).HasMaxLength(1000);
        b.PrimitiveCollection(p => p.DataCategories).ElementType().HasConversion<string>();
        b.PrimitiveCollection(p => p.RecordSets).ElementType().HasConversion<string>();
        b.PrimitiveCollection(p => p.DataSubjects).ElementType().HasConversion<string>();
        b.Property(p => p.SecurityMeasures).HasMaxLength(4000);
        b.HasMany(p => p.RetentionRules).WithOne().HasForeignKey(r => r.PurposeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Recipients).WithMany(r => r.Purposes).UsingEntity("purpose_recipients");
    }
}
