using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class DataSubjectRequestConfiguration : IEntityTypeConfiguration<DataSubjectRequest>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequest> b)
    {
        b.ToTable("requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.Reference).HasMaxLength(20);
        b.HasIndex(r => r.Reference).IsUnique();
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.RequesterFirstName).HasMaxLength(100);
        b.Property(r => r.RequesterLastName).HasMaxLength(100);
        b.Property(r => r.RequesterEmail).HasMaxLength(254);
        b.Property(r => r.RequesterPhone).HasMaxLength(40);
        b.Property(r => r.Description).HasMaxLength(4000);
        b.Property(r => r.IdentityMethod).HasMaxLength(100);
        b.Property(r => r.IdentityCheckedBy).HasMaxLength(200);
        b.Property(r => r.ExtensionReasonCode).HasMaxLength(60);
        b.Property(r => r.ExtensionReason).HasMaxLength(2000);
        b.Property(r => r.AssignedTo).HasMaxLength(200);
        b.Property(r => r.DecisionReason).HasMaxLength(8000);
        b.Property(r => r.DecidedBy).HasMaxLength(200);
        b.Property(r => r.ClosedBy).HasMaxLength(200);
        b.Property(r => r.SubmissionKey).HasMaxLength(100);
        b.HasIndex(r => r.SubmissionKey).IsUnique();
        b.Property(r => r.StatusTokenHash).HasMaxLength(100);
        b.Property(r => r.PendingStatusTokenHash).HasMaxLength(100);
        b.Property(r => r.VerificationTokenHash).HasMaxLength(100);
        b.Property(r => r.AbuseFacts).HasMaxLength(4000);
        b.Property(r => r.AbuseClassifiedBy).HasMaxLength(200);
        b.Property(r => r.FeeAmount).HasPrecision(10, 2);
        b.Property(r => r.FeeBasis).HasMaxLength(2000);
        b.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(r => r.CandidateId);
        b.HasIndex(r => r.RequesterEmail);
        // The DPO queue: open requests by current due date, keyset-paged on (due, id).
        b.HasIndex(r => new { r.Status, r.DueOn, r.Id });
        b.Ignore(r => r.IsOpen);
        b.Ignore(r => r.IsCombined);
        b.Ignore(r => r.CurrentDueOn);
        b.Ignore(r => r.RequesterName);
        b.Ignore(r => r.Types);

        b.HasMany(r => r.SubRequests).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.WaitingPeriods).WithOne().HasForeignKey(w => w.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.SubRequests).AutoInclude();
        // ID-6: every transition deletes the proofs inside the domain method, so they are loaded with the request.
        b.Navigation(r => r.Attachments).AutoInclude();

        // The case file: requester data are redacted after CASE_FILE_RETENTION (RET-12).
        b.HoldsPersonalData(null, "Handling the data-subject request (case file)",
            Domain.Processing.DataCategory.Identity, true, Domain.Processing.ErasureMethod.Anonymise,
            anonymiseFields: ["RequesterFirstName", "RequesterLastName", "RequesterEmail", "RequesterPhone", "RequesterDateOfBirth", "Description"]);
    }
}
