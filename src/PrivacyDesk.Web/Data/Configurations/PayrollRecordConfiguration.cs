using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class PayrollRecordConfiguration : CandidateRecordConfiguration<PayrollRecord>
{
    protected override string Table => "payroll_records";

    protected override void ConfigureRecord(EntityTypeBuilder<PayrollRecord> b)
    {
        b.Property(r => r.GrossAmount).HasPrecision(12, 2);
        b.Property(r => r.NetAmount).HasPrecision(12, 2);
        b.Property(r => r.BankAccount).HasMaxLength(40);
        b.HoldsPersonalData(RecordSet.PayrollRecords, "Payroll and social documents (legal obligation)", DataCategory.Payroll, false, ErasureMethod.Delete);
    }
}
