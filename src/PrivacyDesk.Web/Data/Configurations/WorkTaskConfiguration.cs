using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Operations;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.ToTable("work_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.Instructions).HasMaxLength(4000);
        b.Property(t => t.PlanLine).HasMaxLength(2000);
        b.Property(t => t.PreparedMessage).HasMaxLength(8000);
        b.Property(t => t.DoneBy).HasMaxLength(200);
        b.Property(t => t.Note).HasMaxLength(2000);
        b.HasIndex(t => new { t.RequestId, t.Status });
    }
}
