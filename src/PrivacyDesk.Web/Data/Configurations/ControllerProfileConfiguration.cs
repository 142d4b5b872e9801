using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

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
