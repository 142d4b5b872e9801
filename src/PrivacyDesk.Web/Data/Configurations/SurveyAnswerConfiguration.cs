using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class SurveyAnswerConfiguration : CandidateRecordConfiguration<SurveyAnswer>
{
    protected override string Table => "survey_answers";

    protected override void ConfigureRecord(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.Property(r => r.SurveyName).HasMaxLength(200);
        b.Property(r => r.Comment).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.SurveyAnswers, "Satisfaction surveys", DataCategory.Survey, true, ErasureMethod.Anonymise,
            anonymiseFields: ["Comment"]);
    }
}
