using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class ContactMessageConfiguration : CandidateRecordConfiguration<ContactMessage>
{
    protected override string Table => "contact_messages";

    protected override void ConfigureRecord(EntityTypeBuilder<ContactMessage> b)
    {
        b.Property(r => r.Subject).HasMaxLength(300);
        b.Property(r => r.Body).HasMaxLength(8000);
        b.HoldsPersonalData(RecordSet.ContactMessages, "Questions through the contact form", DataCategory.Communication, true, ErasureMethod.Delete);
    }
}
