using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Infrastructure.Security;

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

/// <summary>A CV or profile went to a client company: one line of the client ledger (Art. 15(1)(c), Art. 19).</summary>
public static class RecordDisclosure
{
    [RequiresRole(Roles.Intake, Roles.Dpo, Roles.BackOffice)]
    public sealed record Command : ICommand<Result>
    {
        /// <summary>PrivacyDesk's id of the candidate, or give <see cref="ExternalReference"/>.</summary>
        public Guid? CandidateId { get; init; }
        public string? ExternalReference { get; init; }
        public string ClientCompany { get; init; } = "";
        public string? ClientEmail { get; init; }
        public DateOnly DisclosedOn { get; init; }

        /// <summary>What was sent, e.g. "CV" or "Profile".</summary>
        public string? What { get; init; }

        /// <summary>The register purpose it served, e.g. "client-presentation".</summary>
        public string PurposeCode { get; init; } = "";
    }

    public sealed record Result(Guid Id, Guid CandidateId, string ClientCompany, DateOnly DisclosedOn, string What, string PurposeCode, bool AlreadyRecorded);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c).Must(c => c.CandidateId is not null || !string.IsNullOrWhiteSpace(c.ExternalReference))
                .OverridePropertyName("CandidateId").WithMessage("Give candidateId or externalReference.");
            RuleFor(c => c.ExternalReference).MaximumLength(100);
            RuleFor(c => c.ClientCompany).NotEmpty().MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.ClientEmail).MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
            RuleFor(c => c.DisclosedOn).NotEqual(default(DateOnly));
            RuleFor(c => c.What).MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage);
            RuleFor(c => c.PurposeCode).NotEmpty().MaximumLength(60);
            RuleFor(c => c.DisclosedOn).LessThanOrEqualTo(_ => Domain.Deadlines.BrusselsTime.ToBrusselsDate(clock.GetUtcNow()))
                .WithMessage("A disclosure cannot be in the future.");
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var candidate = await db.Candidates.IgnoreQueryFilters()
                .Where(c => command.CandidateId != null ? c.Id == command.CandidateId : c.ExternalReference == command.ExternalReference!.Trim())
                .Select(c => new { c.Id, c.Restricted })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Candidate");
            if (candidate.Restricted)
                throw new DomainException("candidate.restricted", "This candidate's data are restricted (Art. 18): they may not be sent to clients.", "RS-2");
            var purpose = command.PurposeCode.Trim();
            if (!await db.Purposes.AnyAsync(p => p.Code == purpose, cancellationToken))
                throw new DomainException("disclosure.unknown-purpose", "The purpose code is not in the register (import the policy pack, or use one of its purpose codes).");

            var disclosure = new ClientDisclosure
            {
                ClientCompany = command.ClientCompany.Trim(),
                ClientEmail = string.IsNullOrWhiteSpace(command.ClientEmail) ? null : command.ClientEmail.Trim(),
                DisclosedOn = command.DisclosedOn,
                What = string.IsNullOrWhiteSpace(command.What) ? "CV" : command.What.Trim(),
                PurposeCode = purpose,
                CandidateId = candidate.Id,
                CollectedOn = command.DisclosedOn,
            };
            // The same disclosure pushed twice is one ledger line.
            var same = await db.ClientDisclosures.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.CandidateId == candidate.Id && d.DisclosedOn == disclosure.DisclosedOn && d.PurposeCode == purpose)
                .ToListAsync(cancellationToken);
            var existing = same.FirstOrDefault(d => string.Equals(d.ClientCompany, disclosure.ClientCompany, StringComparison.OrdinalIgnoreCase)
                && string.Equals(d.What, disclosure.What, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
                return new Result(existing.Id, candidate.Id, existing.ClientCompany, existing.DisclosedOn, existing.What, existing.PurposeCode, true);

            db.ClientDisclosures.Add(disclosure);
            db.AuditEvents.Add(new AuditEvent(clock.GetUtcNow(), user.Actor, "candidate.disclosed",
                $"Profile sent to a client company for purpose {purpose} (client ledger {disclosure.Id}).", candidateId: candidate.Id));
            return new Result(disclosure.Id, candidate.Id, disclosure.ClientCompany, disclosure.DisclosedOn, disclosure.What, purpose, false);
        }
    }
}
