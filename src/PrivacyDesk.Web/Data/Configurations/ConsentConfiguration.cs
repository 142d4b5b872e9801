using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class ConsentConfiguration : CandidateRecordConfiguration<Consent>
{
    protected override string Table => "consents";

    protected override void ConfigureRecord(EntityTypeBuilder<Consent> b)
    {
        b.Property(r => r.PurposeCode).HasMaxLength(60);
        b.Property(r => r.Method).HasMaxLength(100);
        b.Property(r => r.Evidence).HasMaxLength(2000);
        b.Property(r => r.WithdrawalChannel).HasMaxLength(100);
        b.Ignore(r => r.IsActive);
        // CW-3: the proof of consent and withdrawal is kept minimal rather than erased with the data.
        b.HoldsPersonalData(RecordSet.Consents, "Consents with their evidence", DataCategory.Consent, true, ErasureMethod.Anonymise,
            anonymiseFields: ["Evidence"]);
    }
}
