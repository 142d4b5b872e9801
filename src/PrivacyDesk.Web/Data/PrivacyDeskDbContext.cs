using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Web.Data;

public sealed class PrivacyDeskDbContext(DbContextOptions<PrivacyDeskDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<CandidateDocument> CandidateDocuments => Set<CandidateDocument>();
    public DbSet<WorkExperience> WorkExperience => Set<WorkExperience>();
    public DbSet<EducationRecord> Education => Set<EducationRecord>();
    public DbSet<LanguageSkill> LanguageSkills => Set<LanguageSkill>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<PayrollRecord> PayrollRecords => Set<PayrollRecord>();
    public DbSet<TaxRecord> TaxRecords => Set<TaxRecord>();
    public DbSet<InterviewNote> InterviewNotes => Set<InterviewNote>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<EmergencyContact> EmergencyContacts => Set<EmergencyContact>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<ContactMessage> ContactMessages => Set<ContactMessage>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<Photo> Photos => Set<Photo>();
    public DbSet<ProfessionalEmail> ProfessionalEmails => Set<ProfessionalEmail>();
    public DbSet<ClientDisclosure> ClientDisclosures => Set<ClientDisclosure>();

    public DbSet<ProcessingPurpose> Purposes => Set<ProcessingPurpose>();
    public DbSet<RetentionRule> RetentionRules => Set<RetentionRule>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<ControllerProfile> ControllerProfiles => Set<ControllerProfile>();
    public DbSet<HolidayOverrideEntry> HolidayOverrides => Set<HolidayOverrideEntry>();

    public DbSet<DataSubjectRequest> Requests => Set<DataSubjectRequest>();
    public DbSet<SubRequest> SubRequests => Set<SubRequest>();
    public DbSet<WaitingPeriod> WaitingPeriods => Set<WaitingPeriod>();
    public DbSet<RequestMessage> RequestMessages => Set<RequestMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();
    public DbSet<WorkTask> Tasks => Set<WorkTask>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<SuppressionEntry> Suppressions => Set<SuppressionEntry>();
    public DbSet<ErasureLedgerEntry> ErasureLedger => Set<ErasureLedgerEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RequestAttachment> Attachments => Set<RequestAttachment>();
    public DbSet<RequestPackage> Packages => Set<RequestPackage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as readable strings (readable in SQL and in exports).
        foreach (var enumType in typeof(Candidate).Assembly.GetTypes().Where(t => t.IsEnum))
            configurationBuilder.Properties(enumType).HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasSequence<long>("request_reference_seq");
        builder.HasSequence<long>("legal_hold_number_seq");
        builder.ApplyConfigurationsFromAssembly(typeof(PrivacyDeskDbContext).Assembly);
        UseClientGeneratedIds(builder);
        ApplySnakeCaseNames(builder);
    }

    /// <summary>
    /// Domain ids are UUID v7 made by the domain (Ids.New), never by the store: with that declared, a new
    /// child added to a loaded aggregate is inserted rather than mistaken for an existing row.
    /// </summary>
    private static void UseClientGeneratedIds(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("PrivacyDesk.", StringComparison.Ordinal) == true))
        {
            foreach (var key in entity.FindPrimaryKey()?.Properties.Where(p => p.ClrType == typeof(Guid)) ?? [])
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }

    /// <summary>EFCore.NamingConventions is too old for EF 10 here (platform.md), so a short loop does it.</summary>
    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is not null)
                entity.SetTableName(SnakeCase(table.StartsWith("AspNet", StringComparison.Ordinal) ? "Staff" + table[6..] : table));
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() != "xmin")
                    property.SetColumnName(SnakeCase(property.GetColumnName()));
            }
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (prevLower || nextLower)
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
