using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class TaxRecordConfiguration : CandidateRecordConfiguration<TaxRecord>
{
    protected override string Table => "tax_records";

    protected override void ConfigureRecord(EntityTypeBuilder<TaxRecord> b)
    {
        b.Property(r => r.Form).HasMaxLength(20);
        b.Property(r => r.TaxableAmount).HasPrecision(12, 2);
        b.Property(r => r.WithholdingTax).HasPrecision(12, 2);
        b.HoldsPersonalData(RecordSet.TaxRecords, "Withholding tax and tax forms (legal obligation)", DataCategory.Tax, false, ErasureMethod.Delete);
    }
}
