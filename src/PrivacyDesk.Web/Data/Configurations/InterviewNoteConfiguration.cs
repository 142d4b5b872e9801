using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data.Configurations;

public sealed class InterviewNoteConfiguration : CandidateRecordConfiguration<InterviewNote>
{
    protected override string Table => "interview_notes";

    protected override void ConfigureRecord(EntityTypeBuilder<InterviewNote> b)
    {
        b.Property(r => r.Interviewer).HasMaxLength(200);
        b.Property(r => r.Note).HasMaxLength(8000);
        b.Property(r => r.CandidateStatement).HasMaxLength(4000);
        b.HoldsPersonalData(RecordSet.InterviewNotes, "Recruiter interview notes", DataCategory.Assessment, false, ErasureMethod.Delete);
    }
}
