using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class EvaluationConfiguration : CandidateRecordConfiguration<Evaluation>
{
    protected override string Table => "evaluations";

    protected override void ConfigureRecord(EntityTypeBuilder<Evaluation> b)
    {
        b.Property(r => r.Evaluator).HasMaxLength(200);
        b.Property(r => r.ClientCompany).HasMaxLength(200);
        b.Property(r => r.Comment).HasMaxLength(8000);
        b.Property(r => r.CandidateStatement).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.Evaluations, "Evaluations and client feedback", DataCategory.Assessment, false, ErasureMethod.Delete);
    }
}
