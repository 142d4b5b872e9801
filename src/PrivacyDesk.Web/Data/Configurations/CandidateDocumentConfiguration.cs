using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class CandidateDocumentConfiguration : CandidateRecordConfiguration<CandidateDocument>
{
    protected override string Table => "candidate_documents";

    protected override void ConfigureRecord(EntityTypeBuilder<CandidateDocument> b)
    {
        b.Property(r => r.FileName).HasMaxLength(255);
        b.Property(r => r.ContentType).HasMaxLength(100);
        b.HoldsPersonalData(RecordSet.Documents, "CV, motivation letters and certificates", DataCategory.Cv, true, ErasureMethod.Delete);
    }
}
