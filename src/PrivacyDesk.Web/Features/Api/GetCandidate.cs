using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// A candidate as the API shows it. Restricted candidates are left out of ordinary reads by the global
/// filter (Art. 18(2), RS-2): they answer 404 like unknown ids. Restricted records of a visible candidate
/// are left out too and counted in <c>restrictedRecordsOmitted</c>. The national number is never shown;
/// files are listed without their content.
/// </summary>
public static class GetCandidate
{
    [RequiresRole(Roles.Intake, Roles.Dpo, Roles.BackOffice)]
    public sealed record Query : IRequest<Result>
    {
        public Guid CandidateId { get; init; }
    }

    public sealed record Result
    {
        public Guid Id { get; init; }
        public string? ExternalReference { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public DateOnly? DateOfBirth { get; init; }
        public string Language { get; init; } = "";
        public string? Street { get; init; }
        public string? PostalCode { get; init; }
        public string? City { get; init; }
        public string? Country { get; init; }
        public bool HasNationalNumber { get; init; }
        public EmploymentStatus EmploymentStatus { get; init; }
        public DateOnly? LastWorkingDay { get; init; }
        public DateOnly? LastActivityOn { get; init; }
        public DateOnly? CareerEndedOn { get; init; }
        public string Source { get; init; } = "";
        public DateOnly RegisteredOn { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int RestrictedRecordsOmitted { get; init; }
        public IReadOnlyDictionary<string, int> RecordCounts { get; init; } = new Dictionary<string, int>();
        public IReadOnlyList<ApplicationInput> Applications { get; init; } = [];
        public IReadOnlyList<FileView> Documents { get; init; } = [];
        public IReadOnlyList<WorkExperienceInput> WorkExperience { get; init; } = [];
        public IReadOnlyList<EducationInput> Education { get; init; } = [];
        public IReadOnlyList<LanguageSkillInput> LanguageSkills { get; init; } = [];
        public IReadOnlyList<AssignmentInput> Assignments { get; init; } = [];
        public IReadOnlyList<ConsentInput> Consents { get; init; } = [];
        public IReadOnlyList<ClientDisclosureInput> ClientDisclosures { get; init; } = [];
        public IReadOnlyList<FileView> Photos { get; init; } = [];
    }

    public sealed record FileView(Guid Id, string Kind, string FileName, string ContentType, int Size, DateOnly CollectedOn);

    public sealed class Handler(PrivacyDeskDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = query.CandidateId;
            var c = await db.Candidates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                ?? throw new NotFoundException("Candidate");

            var counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["applications"] = await db.Applications.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["documents"] = await db.CandidateDocuments.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["workExperience"] = await db.WorkExperience.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["education"] = await db.Education.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["languageSkills"] = await db.LanguageSkills.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["assignments"] = await db.Assignments.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["payrollRecords"] = await db.PayrollRecords.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["taxRecords"] = await db.TaxRecords.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["interviewNotes"] = await db.InterviewNotes.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["evaluations"] = await db.Evaluations.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["emergencyContacts"] = await db.EmergencyContacts.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["consents"] = await db.Consents.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["contactMessages"] = await db.ContactMessages.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["complaints"] = await db.Complaints.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["surveyAnswers"] = await db.SurveyAnswers.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["photos"] = await db.Photos.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["professionalEmails"] = await db.ProfessionalEmails.CountAsync(x => x.CandidateId == id, cancellationToken),
                ["clientDisclosures"] = await db.ClientDisclosures.CountAsync(x => x.CandidateId == id, cancellationToken),
            };
            var restricted = await CountRestrictedAsync(id, cancellationToken);

            return new Result
            {
                Id = c.Id, ExternalReference = c.ExternalReference, FirstName = c.FirstName, LastName = c.LastName, Email = c.Email, Phone = c.Phone,
                DateOfBirth = c.DateOfBirth, Language = c.Language, Street = c.Street, PostalCode = c.PostalCode, City = c.City, Country = c.Country,
                HasNationalNumber = c.NationalNumberEncrypted != null, EmploymentStatus = c.EmploymentStatus, LastWorkingDay = c.LastWorkingDay,
                LastActivityOn = c.LastActivityOn, CareerEndedOn = c.CareerEndedOn, Source = c.Source, RegisteredOn = c.RegisteredOn, UpdatedAt = c.UpdatedAt,
                RestrictedRecordsOmitted = restricted,
                RecordCounts = counts,
                Applications = await db.Applications.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.AppliedOn)
                    .Select(x => new ApplicationInput(x.VacancyTitle, x.VacancyReference, x.AppliedOn, x.Status, x.Source, x.Motivation, x.ClosedOn)).ToListAsync(cancellationToken),
                Documents = await db.CandidateDocuments.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.CollectedOn)
                    .Select(x => new FileView(x.Id, x.Kind.ToString(), x.FileName, x.ContentType, x.Content.Length, x.CollectedOn)).ToListAsync(cancellationToken),
                WorkExperience = await db.WorkExperience.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.StartDate)
                    .Select(x => new WorkExperienceInput(x.Employer, x.JobTitle, x.StartDate, x.EndDate, x.Description)).ToListAsync(cancellationToken),
                Education = await db.Education.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.StartYear)
                    .Select(x => new EducationInput(x.Institution, x.Degree, x.FieldOfStudy, x.StartYear, x.EndYear)).ToListAsync(cancellationToken),
                LanguageSkills = await db.LanguageSkills.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.Language)
                    .Select(x => new LanguageSkillInput(x.Language, x.Level)).ToListAsync(cancellationToken),
                Assignments = await db.Assignments.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.StartDate)
                    .Select(x => new AssignmentInput(x.ClientCompany, x.JobTitle, x.StartDate, x.EndDate, x.HourlyWage)).ToListAsync(cancellationToken),
                Consents = await db.Consents.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.GivenAt)
                    .Select(x => new ConsentInput(x.PurposeCode, x.GivenAt, x.Method, x.Evidence, x.DoubleOptIn, x.WithdrawnAt, x.WithdrawalChannel)).ToListAsync(cancellationToken),
                ClientDisclosures = await db.ClientDisclosures.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.DisclosedOn)
                    .Select(x => new ClientDisclosureInput(x.ClientCompany, x.ClientEmail, x.DisclosedOn, x.What, x.PurposeCode)).ToListAsync(cancellationToken),
                Photos = await db.Photos.AsNoTracking().Where(x => x.CandidateId == id).OrderBy(x => x.CollectedOn)
                    .Select(x => new FileView(x.Id, "Photo", x.FileName, x.ContentType, x.Content.Length, x.CollectedOn)).ToListAsync(cancellationToken),
            };
        }

        private async Task<int> CountRestrictedAsync(Guid id, CancellationToken ct)
        {
            var total = 0;
            total += await Restricted(db.Applications, id, ct);
            total += await Restricted(db.CandidateDocuments, id, ct);
            total += await Restricted(db.WorkExperience, id, ct);
            total += await Restricted(db.Education, id, ct);
            total += await Restricted(db.LanguageSkills, id, ct);
            total += await Restricted(db.Assignments, id, ct);
            total += await Restricted(db.PayrollRecords, id, ct);
            total += await Restricted(db.TaxRecords, id, ct);
            total += await Restricted(db.InterviewNotes, id, ct);
            total += await Restricted(db.Evaluations, id, ct);
            total += await Restricted(db.EmergencyContacts, id, ct);
            total += await Restricted(db.Consents, id, ct);
            total += await Restricted(db.ContactMessages, id, ct);
            total += await Restricted(db.Complaints, id, ct);
            total += await Restricted(db.SurveyAnswers, id, ct);
            total += await Restricted(db.Photos, id, ct);
            total += await Restricted(db.ProfessionalEmails, id, ct);
            total += await Restricted(db.ClientDisclosures, id, ct);
            return total;
        }

        private static Task<int> Restricted<T>(DbSet<T> set, Guid id, CancellationToken ct)
            where T : CandidateRecord =>
            set.IgnoreQueryFilters().CountAsync(x => x.CandidateId == id && x.Restricted, ct);
    }
}
