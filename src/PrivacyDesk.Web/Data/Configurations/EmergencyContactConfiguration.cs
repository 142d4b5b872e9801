using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class EmergencyContactConfiguration : CandidateRecordConfiguration<EmergencyContact>
{
    protected override string Table => "emergency_contacts";

    protected override void ConfigureRecord(EntityTypeBuilder<EmergencyContact> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Relationship).HasMaxLength(100);
        b.Property(r => r.Phone).HasMaxLength(40);
        b.HoldsPersonalData(RecordSet.EmergencyContacts, "Emergency contact (third-party data)", DataCategory.ThirdParty, true, ErasureMethod.Delete);
    }
}
