using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class LanguageSkillConfiguration : CandidateRecordConfiguration<LanguageSkill>
{
    protected override string Table => "language_skills";

    protected override void ConfigureRecord(EntityTypeBuilder<LanguageSkill> b)
    {
        b.Property(r => r.Language).HasMaxLength(50);
        b.Property(r => r.Level).HasMaxLength(50);
        b.HoldsPersonalData(RecordSet.LanguageSkills, "Declared language skills", DataCategory.Skills, true, ErasureMethod.Delete);
    }
}
