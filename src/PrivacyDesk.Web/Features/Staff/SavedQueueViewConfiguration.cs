using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>One row per staff account, gone with the account; the queue's own enums stored as readable strings.</summary>
public sealed class SavedQueueViewConfiguration : IEntityTypeConfiguration<SavedQueueView>
{
    public void Configure(EntityTypeBuilder<SavedQueueView> b)
    {
        b.ToTable("saved_queue_views");
        b.HasKey(v => v.UserId);
        b.Property(v => v.Assignee).HasMaxLength(256);
        b.Property(v => v.DueWindow).HasConversion<string>().HasMaxLength(40);
        b.Property(v => v.Flag).HasConversion<string>().HasMaxLength(40);
        b.Property(v => v.Sort).HasConversion<string>().HasMaxLength(40);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_saved_queue_views_staff_users_user_id");
    }
}
