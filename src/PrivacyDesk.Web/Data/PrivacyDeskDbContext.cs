using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Web.Data;

public sealed class PrivacyDeskDbContext(DbContextOptions<PrivacyDeskDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, shared by all instances (0070_data_protection_keys.sql).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
        NameIdentityTables(builder);
        UseClientGeneratedIds(builder);
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

    /// <summary>
    /// Snake-case names come from EFCore.NamingConventions (<see cref="Options"/>); the Identity tables keep the
    /// names the first migration gave them (staff_*, not asp_net_*).
    /// </summary>
    private static void NameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<StaffUser>(b =>
        {
            b.ToTable("staff_users");
            b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index");
            b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("user_name_index");
        });
        builder.Entity<IdentityRole<Guid>>(b =>
        {
            b.ToTable("staff_roles");
            b.HasIndex(r => r.NormalizedName).HasDatabaseName("role_name_index");
        });
        // The first migration named these foreign keys after Identity's default table (asp_net_users).
        builder.Entity<IdentityUserRole<Guid>>().ToTable("staff_user_roles")
            .HasOne<StaffUser>().WithMany().HasForeignKey(r => r.UserId).HasConstraintName("fk_staff_user_roles_asp_net_users_user_id");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("staff_user_claims")
            .HasOne<StaffUser>().WithMany().HasForeignKey(c => c.UserId).HasConstraintName("fk_staff_user_claims_asp_net_users_user_id");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("staff_user_logins")
            .HasOne<StaffUser>().WithMany().HasForeignKey(l => l.UserId).HasConstraintName("fk_staff_user_logins_asp_net_users_user_id");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("staff_user_tokens")
            .HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).HasConstraintName("fk_staff_user_tokens_asp_net_users_user_id");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("staff_role_claims");
        // The naming convention writes "article9condition"; the column has always been article9_condition.
        builder.Entity<ProcessingPurpose>().Property(p => p.Article9Condition).HasColumnName("article9_condition");
    }

    /// <summary>The provider options every use of this context needs: PostgreSQL and snake-case names.</summary>
    public static DbContextOptionsBuilder Options(DbContextOptionsBuilder options, Npgsql.NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();

    /// <inheritdoc cref="Options(DbContextOptionsBuilder, Npgsql.NpgsqlDataSource)"/>
    public static DbContextOptionsBuilder Options(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}
