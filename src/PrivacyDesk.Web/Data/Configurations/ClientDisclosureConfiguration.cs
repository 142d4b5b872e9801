using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class ClientDisclosureConfiguration : CandidateRecordConfiguration<ClientDisclosure>
{
    protected override string Table => "client_disclosures";

    protected override void ConfigureRecord(EntityTypeBuilder<ClientDisclosure> b)
    {
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.ClientEmail).HasMaxLength(254);
        b.Property(r => r.What).HasMaxLength(100);
        b.Property(r => r.PurposeCode).HasMaxLength(60);
        b.HoldsPersonalData(RecordSet.ClientDisclosures, "Client ledger: CVs and profiles sent to client companies", DataCategory.Disclosure, false, ErasureMethod.Delete);
    }
}
