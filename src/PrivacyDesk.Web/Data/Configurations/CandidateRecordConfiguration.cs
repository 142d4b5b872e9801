using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Data.Configurations;

/// <summary>Shared mapping of the child record sets: table, key, restriction filter, retention index.</summary>
public abstract class CandidateRecordConfiguration<T> : IEntityTypeConfiguration<T>
    where T : CandidateRecord
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<T> b)
    {
        b.ToTable(Table);
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.CandidateId);
        b.HasQueryFilter(r => !r.Restricted);
        ConfigureRecord(b);
    }

    protected abstract void ConfigureRecord(EntityTypeBuilder<T> b);
}
