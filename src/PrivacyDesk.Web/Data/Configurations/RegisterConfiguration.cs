using Microsoft.EntityFrameworkCore;
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

public sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> b)
    {
        b.ToTable("retention_rules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(80);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Period).HasMaxLength(20);
        b.Property(r => r.CapPeriod).HasMaxLength(20);
        b.Property(r => r.FloorPeriod).HasMaxLength(20);
        b.Property(r => r.Citation).HasMaxLength(1000);
        b.Property(r => r.Note).HasMaxLength(2000);
    }
}

public sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> b)
    {
        b.ToTable("recipients");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(60);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Country).HasMaxLength(2);
        b.Property(r => r.TransferSafeguard).HasMaxLength(300);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.ContactEmail).HasMaxLength(254);
    }
}

public sealed class ControllerProfileConfiguration : IEntityTypeConfiguration<ControllerProfile>
{
    public void Configure(EntityTypeBuilder<ControllerProfile> b)
    {
        b.ToTable("controller_profile");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.PackCode).HasMaxLength(40);
        b.Property(c => c.PackVersion).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.LegalName).HasMaxLength(200);
        b.Property(c => c.EnterpriseNumber).HasMaxLength(40);
        b.Property(c => c.Address).HasMaxLength(500);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Website).HasMaxLength(200);
        b.Property(c => c.DpoName).HasMaxLength(200);
        b.Property(c => c.DpoEmail).HasMaxLength(254);
        b.Property(c => c.DpoAddress).HasMaxLength(500);
        b.Property(c => c.CareerInactivityPeriod).HasMaxLength(20);
        b.Property(c => c.CaseFileRetention).HasMaxLength(20);
        b.Property(c => c.NotesJson).HasColumnType("jsonb");
    }
}

public sealed class HolidayOverrideConfiguration : IEntityTypeConfiguration<HolidayOverrideEntry>
{
    public void Configure(EntityTypeBuilder<HolidayOverrideEntry> b)
    {
        b.ToTable("holiday_overrides");
        b.HasKey(h => h.Id);
        b.Property(h => h.Name).HasMaxLength(100);
        // DL-12: at most one override per holiday and year (0002_rules_holiday_overrides.sql).
        b.HasIndex(h => new { h.Year, h.Name }).IsUnique();
    }
}
