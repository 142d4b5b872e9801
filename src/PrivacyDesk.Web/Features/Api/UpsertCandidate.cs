using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PrivacyDesk.Domain.Audit;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Suppression;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// An ATS pushes a candidate and their records: created, or updated by its external reference (product.md §3).
/// New people are checked against the suppression list first (ER-8); only the DPO may override, with a
/// reason, and the override is audited. A restricted profile (Art. 18) takes no writes (RS-2).
/// </summary>
public static class UpsertCandidate
{
    public const string NationalNumberPurpose = "NationalNumber";

    [RequiresRole(Roles.Intake, Roles.Dpo)]
    public sealed record Command : ICommand<Result>
    {
        /// <summary>The ATS's own id for the person; the upsert key.</summary>
        public string ExternalReference { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public DateOnly? DateOfBirth { get; init; }
        public string Language { get; init; } = "nl";
        public string? Street { get; init; }
        public string? PostalCode { get; init; }
        public string? City { get; init; }

        /// <summary>ISO 3166-1 alpha-2, e.g. BE.</summary>
        public string? Country { get; init; }

        /// <summary>INSZ/NISS: stored encrypted, never returned. Left out = the stored number is kept.</summary>
        public string? NationalNumber { get; init; }

        public EmploymentStatus EmploymentStatus { get; init; }
        public DateOnly? LastWorkingDay { get; init; }
        public DateOnly? LastActivityOn { get; init; }
        public DateOnly? CareerEndedOn { get; init; }

        /// <summary>Where the data came from (Art. 14(2)(f)), e.g. "ATS".</summary>
        public string? Source { get; init; }

        public CandidateRecordsInput? Records { get; init; }

        /// <summary>DPO only: import a person on the suppression list anyway (ER-8: a new lawful basis), with the reason.</summary>
        public SuppressionOverride? SuppressionOverride { get; init; }
    }

    public sealed record SuppressionOverride(string Reason);

    public sealed record Result(Guid Id, string ExternalReference, bool Created, IReadOnlyDictionary<string, SetOutcome> Records);

    public sealed record SetOutcome(int Added, int Updated, int SkippedRestricted);

    public sealed class Validator : AbstractValidator<Command>
    {
        private static readonly string[] Languages = ["nl", "fr", "en"];

        public Validator()
        {
            RuleFor(c => c.ExternalReference).NotEmpty().MaximumLength(100).Matches("^[A-Za-z0-9][A-Za-z0-9._:/-]*$")
                .WithMessage("Use letters, digits and . _ : / - only.");
            RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoControlCharacters).WithMessage("Control characters are not allowed.")
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.LastName).NotEmpty().MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
                .Must(CandidateInputRules.NoControlCharacters).WithMessage("Control characters are not allowed.")
                .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
            RuleFor(c => c.Email).MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage)
                .Must(CandidateInputRules.Deliverable).WithMessage(CandidateInputRules.DeliverableMessage);
            RuleFor(c => c.Phone).MaximumLength(40).Matches(CandidateInputRules.PhonePattern).WithMessage(CandidateInputRules.PhoneMessage);
            RuleFor(c => c.Language).Must(l => Languages.Contains(l, StringComparer.Ordinal)).WithMessage("Use nl, fr or en.");
            RuleFor(c => c.Street).MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage);
            RuleFor(c => c.PostalCode).MaximumLength(20).Matches("^[A-Za-z0-9 -]*$");
            RuleFor(c => c.City).MaximumLength(100).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage);
            RuleFor(c => c.Country).Matches("^[A-Z]{2}$").WithMessage("Use an ISO 3166-1 alpha-2 code such as BE.");
            RuleFor(c => c.NationalNumber).Must(n => n is null || NationalNumber.IsValid(n))
                .WithMessage("Not a valid Belgian national register number (11 digits with a valid check number).");
            RuleFor(c => c.EmploymentStatus).IsInEnum();
            RuleFor(c => c.DateOfBirth).InclusiveBetween(new DateOnly(1900, 1, 1), new DateOnly(2100, 1, 1));
            RuleFor(c => c.Source).MaximumLength(100);
            RuleFor(c => c.Records!).SetValidator(new CandidateRecordsValidator()).When(c => c.Records is not null);
            RuleFor(c => c.SuppressionOverride!.Reason).NotEmpty().MinimumLength(10).MaximumLength(1000)
                .WithMessage("Give the new lawful basis for importing this person again (10 to 1000 characters).")
                .When(c => c.SuppressionOverride is not null);
        }
    }

    public sealed class Handler(PrivacyDeskDbContext db, SuppressionList suppression, IDataProtectionProvider protection,
        ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = BrusselsTime.ToBrusselsDate(now);
            var reference = command.ExternalReference.Trim();
            var candidate = await db.Candidates.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.ExternalReference == reference, cancellationToken);
            if (candidate is { Restricted: true })
                throw new DomainException("candidate.restricted", "This candidate's data are restricted (Art. 18): they are stored but take no updates until the restriction is lifted.", "RS-2");

            var created = candidate is null;
            string? overridden = null;
            if (candidate is null)
            {
                overridden = await CheckSuppressionAsync(command, cancellationToken);
                candidate = new Candidate { ExternalReference = reference, RegisteredOn = today, CreatedAt = now };
                db.Candidates.Add(candidate);
            }

            candidate.FirstName = command.FirstName.Trim();
            candidate.LastName = command.LastName.Trim();
            candidate.Email = Blank(command.Email);
            candidate.Phone = PhoneNumber.ToE164(command.Phone) ?? Blank(command.Phone); // one notation for matching (E.164)
            candidate.DateOfBirth = command.DateOfBirth;
            candidate.Language = command.Language;
            candidate.Street = Blank(command.Street);
            candidate.PostalCode = Blank(command.PostalCode);
            candidate.City = Blank(command.City);
            candidate.Country = Blank(command.Country);
            if (command.NationalNumber is not null)
                candidate.NationalNumberEncrypted = protection.CreateProtector(NationalNumberPurpose).Protect(NationalNumber.Normalise(command.NationalNumber));
            candidate.EmploymentStatus = command.EmploymentStatus;
            candidate.LastWorkingDay = command.LastWorkingDay;
            candidate.LastActivityOn = command.LastActivityOn;
            candidate.CareerEndedOn = command.CareerEndedOn;
            candidate.Source = Blank(command.Source) ?? (created ? "ATS" : candidate.Source);
            candidate.UpdatedAt = now;

            var outcomes = await new RecordMerger(db, candidate.Id, created, today, cancellationToken).MergeAsync(command.Records);
            var counts = string.Join(", ", outcomes.Where(o => o.Value.Added + o.Value.Updated > 0).Select(o => $"{o.Key} +{o.Value.Added}/~{o.Value.Updated}"));
            db.AuditEvents.Add(new AuditEvent(now, user.Actor, created ? "candidate.imported" : "candidate.updated",
                $"Candidate {(created ? "imported" : "updated")} through the API{(counts.Length > 0 ? ": " + counts : "")}.", candidateId: candidate.Id));
            if (command.SuppressionOverride is not null && overridden is { } entry)
            {
                db.AuditEvents.Add(new AuditEvent(now, user.Actor, "candidate.suppression-overridden",
                    $"Suppression entry of request {entry} overridden by the DPO (ER-8).", candidateId: candidate.Id,
                    data: JsonSerializer.Serialize(new { reason = command.SuppressionOverride.Reason.Trim(), suppressedBy = entry })));
            }
            return new Result(candidate.Id, reference, created, outcomes);
        }

        /// <summary>Null when the person is not suppressed; the suppressing request's reference when the DPO overrides.</summary>
        private async Task<string?> CheckSuppressionAsync(Command command, CancellationToken ct)
        {
            var match = await suppression.FindAsync(new SuppressionList.Identifiers(command.Email, command.Phone,
                command.NationalNumber is null ? null : NationalNumber.Normalise(command.NationalNumber)), ct);
            if (match is null)
                return null;
            if (command.SuppressionOverride is null)
                throw new SuppressedException($"This person is on the suppression list ({match.Reason}, request {match.RequestReference}, {match.CreatedOn:yyyy-MM-dd}): they may not be imported again without a new lawful basis. Only the DPO can override, with a reason (suppressionOverride).");
            if (!user.IsInRole(Roles.Dpo))
                throw new ForbiddenException("a suppression override");
            return match.RequestReference;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Merges pushed records into a candidate's sets by natural key. Restricted records (Art. 18) are
    /// matched too — so a push neither duplicates nor touches them — and reported as skipped. Fields the
    /// data subject or staff own (own statements, redacted extracts, consent withdrawals) are never
    /// overwritten by a push: a withdrawn consent cannot be revived by an ATS (CW-2).
    /// </summary>
    private sealed class RecordMerger(PrivacyDeskDbContext db, Guid candidateId, bool isNew, DateOnly today, CancellationToken ct)
    {
        private static readonly HashSet<string> Protected = new(StringComparer.Ordinal)
        {
            nameof(CandidateRecord.Id), nameof(CandidateRecord.CandidateId), nameof(CandidateRecord.CollectedOn), nameof(CandidateRecord.Restricted), nameof(CandidateRecord.RestrictedByRequestId),
            nameof(CandidateRecord.ScheduledErasureOn), nameof(InterviewNote.CandidateStatement), nameof(ProfessionalEmail.RedactedExtract),
            nameof(Consent.WithdrawnAt), nameof(Consent.WithdrawalChannel),
        };

        private readonly Dictionary<string, SetOutcome> _outcomes = new(StringComparer.Ordinal);

        public async Task<IReadOnlyDictionary<string, SetOutcome>> MergeAsync(CandidateRecordsInput? r)
        {
            if (r is null)
                return _outcomes;
            await Set("applications", r.Applications, i => new Application
            {
                VacancyTitle = i.VacancyTitle.Trim(), VacancyReference = i.VacancyReference, AppliedOn = i.AppliedOn, Status = i.Status ?? "Open",
                Source = i.Source, Motivation = i.Motivation, ClosedOn = i.ClosedOn, CollectedOn = i.AppliedOn,
            }, a => Key(a.VacancyReference ?? a.VacancyTitle, a.AppliedOn));
            await Set("documents", r.Documents, i => new CandidateDocument
            {
                Kind = i.Kind, FileName = i.FileName.Trim(), ContentType = i.ContentType.ToLowerInvariant(), Content = i.Content, CollectedOn = i.CollectedOn ?? today,
            }, d => Key(d.Kind, d.FileName));
            await Set("workExperience", r.WorkExperience, i => new WorkExperience
            {
                Employer = i.Employer.Trim(), JobTitle = i.JobTitle.Trim(), StartDate = i.StartDate, EndDate = i.EndDate, Description = i.Description,
            }, w => Key(w.Employer, w.JobTitle, w.StartDate));
            await Set("education", r.Education, i => new EducationRecord
            {
                Institution = i.Institution.Trim(), Degree = i.Degree.Trim(), FieldOfStudy = i.FieldOfStudy, StartYear = i.StartYear, EndYear = i.EndYear,
            }, e => Key(e.Institution, e.Degree, e.StartYear));
            await Set("languageSkills", r.LanguageSkills, i => new LanguageSkill { Language = i.Language.Trim(), Level = i.Level.Trim() }, l => Key(l.Language));
            await Set("assignments", r.Assignments, i => new Assignment
            {
                ClientCompany = i.ClientCompany.Trim(), JobTitle = i.JobTitle.Trim(), StartDate = i.StartDate, EndDate = i.EndDate, HourlyWage = i.HourlyWage,
                CollectedOn = i.StartDate,
            }, a => Key(a.ClientCompany, a.JobTitle, a.StartDate));
            await Set("payrollRecords", r.PayrollRecords, i => new PayrollRecord
            {
                DocumentType = i.DocumentType, Year = i.Year, Month = i.Month, GrossAmount = i.GrossAmount, NetAmount = i.NetAmount, BankAccount = i.BankAccount,
            }, p => Key(p.DocumentType, p.Year, p.Month));
            await Set("taxRecords", r.TaxRecords, i => new TaxRecord
            {
                TaxYear = i.TaxYear, Form = i.Form ?? "281.10", TaxableAmount = i.TaxableAmount, WithholdingTax = i.WithholdingTax,
            }, t => Key(t.TaxYear, t.Form));
            await Set("interviewNotes", r.InterviewNotes, i => new InterviewNote
            {
                InterviewedOn = i.InterviewedOn, Interviewer = i.Interviewer.Trim(), Note = i.Note, CollectedOn = i.InterviewedOn,
            }, n => Key(n.InterviewedOn, n.Interviewer));
            await Set("evaluations", r.Evaluations, i => new Evaluation
            {
                EvaluatedOn = i.EvaluatedOn, Evaluator = i.Evaluator.Trim(), ClientCompany = i.ClientCompany, Score = i.Score, Comment = i.Comment,
                CollectedOn = i.EvaluatedOn,
            }, e => Key(e.EvaluatedOn, e.Evaluator, e.ClientCompany));
            await Set("emergencyContacts", r.EmergencyContacts, i => new EmergencyContact
            {
                Name = i.Name.Trim(), Relationship = i.Relationship.Trim(), Phone = i.Phone.Trim(),
            }, e => Key(e.Name));
            await Set("consents", r.Consents, i => new Consent
            {
                PurposeCode = i.PurposeCode.Trim(), GivenAt = i.GivenAt.ToUniversalTime(), Method = i.Method.Trim(), Evidence = i.Evidence, DoubleOptIn = i.DoubleOptIn,
                WithdrawnAt = i.WithdrawnAt?.ToUniversalTime(), WithdrawalChannel = i.WithdrawalChannel, CollectedOn = BrusselsTime.ToBrusselsDate(i.GivenAt),
            }, c => Key(c.PurposeCode, c.GivenAt.ToUniversalTime()), (incoming, existing) =>
            {
                // A withdrawal can be recorded by a push, never undone by one.
                if (existing.WithdrawnAt is null && incoming.WithdrawnAt is not null)
                {
                    existing.WithdrawnAt = incoming.WithdrawnAt;
                    existing.WithdrawalChannel = incoming.WithdrawalChannel;
                }
            });
            await Set("contactMessages", r.ContactMessages, i => new ContactMessage
            {
                ReceivedAt = i.ReceivedAt.ToUniversalTime(), Subject = i.Subject, Body = i.Body, ClosedOn = i.ClosedOn, CollectedOn = BrusselsTime.ToBrusselsDate(i.ReceivedAt),
            }, m => Key(m.ReceivedAt.ToUniversalTime(), m.Subject));
            await Set("complaints", r.Complaints, i => new Complaint
            {
                ReceivedOn = i.ReceivedOn, Subject = i.Subject, Description = i.Description, ClosedOn = i.ClosedOn, CollectedOn = i.ReceivedOn,
            }, c => Key(c.ReceivedOn, c.Subject));
            await Set("surveyAnswers", r.SurveyAnswers, i => new SurveyAnswer
            {
                SurveyName = i.SurveyName.Trim(), AnsweredOn = i.AnsweredOn, Score = i.Score, Comment = i.Comment, CollectedOn = i.AnsweredOn,
            }, s => Key(s.SurveyName, s.AnsweredOn));
            await Set("photos", r.Photos, i => new Photo { FileName = i.FileName.Trim(), ContentType = i.ContentType.ToLowerInvariant(), Content = i.Content }, p => Key(p.FileName));
            await Set("professionalEmails", r.ProfessionalEmails, i => new ProfessionalEmail
            {
                SentAt = i.SentAt.ToUniversalTime(), FromAddress = i.FromAddress.Trim(), ToAddress = i.ToAddress.Trim(), Subject = i.Subject, Body = i.Body, ClientCompany = i.ClientCompany,
                CollectedOn = BrusselsTime.ToBrusselsDate(i.SentAt),
            }, e => Key(e.SentAt.ToUniversalTime(), e.FromAddress, e.ToAddress, e.Subject));
            await Set("clientDisclosures", r.ClientDisclosures, i => ToDisclosure(i), d => DisclosureKey(d));
            return _outcomes;
        }

        public static ClientDisclosure ToDisclosure(ClientDisclosureInput i) => new()
        {
            ClientCompany = i.ClientCompany.Trim(), ClientEmail = string.IsNullOrWhiteSpace(i.ClientEmail) ? null : i.ClientEmail.Trim(),
            DisclosedOn = i.DisclosedOn, What = string.IsNullOrWhiteSpace(i.What) ? "CV" : i.What.Trim(), PurposeCode = i.PurposeCode.Trim(), CollectedOn = i.DisclosedOn,
        };

        public static string DisclosureKey(ClientDisclosure d) => Key(d.ClientCompany, d.DisclosedOn, d.What, d.PurposeCode);

        private async Task Set<TEntity, TInput>(string name, IReadOnlyList<TInput>? inputs, Func<TInput, TEntity> map, Func<TEntity, string> key,
            Action<TEntity, TEntity>? special = null)
            where TEntity : CandidateRecord
        {
            if (inputs is null)
                return;
            var existing = isNew ? [] : await db.Set<TEntity>().IgnoreQueryFilters().Where(x => x.CandidateId == candidateId).ToListAsync(ct);
            var byKey = new Dictionary<string, TEntity>(StringComparer.Ordinal);
            foreach (var e in existing)
                byKey.TryAdd(key(e), e);
            int added = 0, updated = 0, skipped = 0;
            foreach (var input in inputs)
            {
                var incoming = map(input);
                var k = key(incoming);
                if (byKey.TryGetValue(k, out var match))
                {
                    if (match.Restricted)
                    {
                        skipped++;
                        continue;
                    }
                    Copy(incoming, match);
                    special?.Invoke(incoming, match);
                    updated++;
                    continue;
                }
                incoming.CandidateId = candidateId;
                if (incoming.CollectedOn == default)
                    incoming.CollectedOn = today;
                db.Set<TEntity>().Add(incoming);
                byKey[k] = incoming;
                added++;
            }
            _outcomes[name] = new SetOutcome(added, updated, skipped);
        }

        private static void Copy<TEntity>(TEntity from, TEntity to)
        {
            foreach (var p in typeof(TEntity).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p is { CanRead: true, CanWrite: true } && !Protected.Contains(p.Name)))
                p.SetValue(to, p.GetValue(from));
        }

        private static string Key(params object?[] parts) =>
            string.Join('\u001f', parts.Select(p => p switch
            {
                null => "",
                string s => s.Trim().ToLowerInvariant(),
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset t => t.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            }));
    }
}
