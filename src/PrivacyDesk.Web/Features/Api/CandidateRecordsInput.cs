using FluentValidation;
using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>
/// The records an ATS pushes with a candidate, one list per record set of the data map (product.md §3).
/// A set left out (null) is not touched; records are merged by their natural key (see each <c>Key</c>),
/// so pushing the same candidate twice does not duplicate anything, and nothing is ever deleted by a push
/// (erasure goes through a request).
/// </summary>
public sealed record CandidateRecordsInput
{
    public IReadOnlyList<ApplicationInput>? Applications { get; init; }
    public IReadOnlyList<DocumentInput>? Documents { get; init; }
    public IReadOnlyList<WorkExperienceInput>? WorkExperience { get; init; }
    public IReadOnlyList<EducationInput>? Education { get; init; }
    public IReadOnlyList<LanguageSkillInput>? LanguageSkills { get; init; }
    public IReadOnlyList<AssignmentInput>? Assignments { get; init; }
    public IReadOnlyList<PayrollInput>? PayrollRecords { get; init; }
    public IReadOnlyList<TaxInput>? TaxRecords { get; init; }
    public IReadOnlyList<InterviewNoteInput>? InterviewNotes { get; init; }
    public IReadOnlyList<EvaluationInput>? Evaluations { get; init; }
    public IReadOnlyList<EmergencyContactInput>? EmergencyContacts { get; init; }
    public IReadOnlyList<ConsentInput>? Consents { get; init; }
    public IReadOnlyList<ContactMessageInput>? ContactMessages { get; init; }
    public IReadOnlyList<ComplaintInput>? Complaints { get; init; }
    public IReadOnlyList<SurveyAnswerInput>? SurveyAnswers { get; init; }
    public IReadOnlyList<PhotoInput>? Photos { get; init; }
    public IReadOnlyList<ProfessionalEmailInput>? ProfessionalEmails { get; init; }
    public IReadOnlyList<ClientDisclosureInput>? ClientDisclosures { get; init; }
}

public sealed record ApplicationInput(string VacancyTitle, string? VacancyReference, DateOnly AppliedOn, string? Status, string? Source, string? Motivation, DateOnly? ClosedOn);

/// <summary>A CV, letter or certificate; <c>content</c> is base64.</summary>
public sealed record DocumentInput(DocumentKind Kind, string FileName, string ContentType, byte[] Content, DateOnly? CollectedOn);

public sealed record WorkExperienceInput(string Employer, string JobTitle, DateOnly? StartDate, DateOnly? EndDate, string? Description);

public sealed record EducationInput(string Institution, string Degree, string? FieldOfStudy, int? StartYear, int? EndYear);

public sealed record LanguageSkillInput(string Language, string Level);

public sealed record AssignmentInput(string ClientCompany, string JobTitle, DateOnly StartDate, DateOnly? EndDate, decimal? HourlyWage);

public sealed record PayrollInput(PayrollDocumentType DocumentType, int Year, int? Month, decimal GrossAmount, decimal NetAmount, string? BankAccount);

public sealed record TaxInput(int TaxYear, string? Form, decimal TaxableAmount, decimal WithholdingTax);

public sealed record InterviewNoteInput(DateOnly InterviewedOn, string Interviewer, string Note);

public sealed record EvaluationInput(DateOnly EvaluatedOn, string Evaluator, string? ClientCompany, int? Score, string Comment);

public sealed record EmergencyContactInput(string Name, string Relationship, string Phone);

/// <summary>A consent with its evidence (Art. 7(1)): when, how, what proves it, double opt-in.</summary>
public sealed record ConsentInput(string PurposeCode, DateTimeOffset GivenAt, string Method, string? Evidence, bool DoubleOptIn, DateTimeOffset? WithdrawnAt, string? WithdrawalChannel);

public sealed record ContactMessageInput(DateTimeOffset ReceivedAt, string Subject, string Body, DateOnly? ClosedOn);

public sealed record ComplaintInput(DateOnly ReceivedOn, string Subject, string Description, DateOnly? ClosedOn);

public sealed record SurveyAnswerInput(string SurveyName, DateOnly AnsweredOn, int? Score, string? Comment);

/// <summary>A photo; <c>content</c> is base64 (JPEG or PNG).</summary>
public sealed record PhotoInput(string FileName, string ContentType, byte[] Content);

public sealed record ProfessionalEmailInput(DateTimeOffset SentAt, string FromAddress, string ToAddress, string Subject, string Body, string? ClientCompany);

public sealed record ClientDisclosureInput(string ClientCompany, string? ClientEmail, DateOnly DisclosedOn, string? What, string PurposeCode);

/// <summary>Input shape only; rules of the domain stay in the domain.</summary>
public sealed class CandidateRecordsValidator : AbstractValidator<CandidateRecordsInput>
{
    public const int MaxRecordsPerSet = 500;

    private static readonly string[] DocumentTypes = ["application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain", "image/jpeg", "image/png"];
    private static readonly string[] PhotoTypes = ["image/jpeg", "image/png"];

    public CandidateRecordsValidator()
    {
        RuleFor(r => r.Applications).Must(Bounded);
        RuleForEach(r => r.Applications).ChildRules(a =>
        {
            a.RuleFor(x => x.VacancyTitle).NotEmpty().MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage);
            a.RuleFor(x => x.VacancyReference).MaximumLength(50);
            a.RuleFor(x => x.Status).MaximumLength(30);
            a.RuleFor(x => x.Source).MaximumLength(100);
            a.RuleFor(x => x.Motivation).MaximumLength(4000);
            a.RuleFor(x => x.AppliedOn).NotEqual(default(DateOnly));
        });
        RuleFor(r => r.Documents).Must(Bounded);
        RuleForEach(r => r.Documents).ChildRules(d =>
        {
            d.RuleFor(x => x.Kind).IsInEnum();
            d.RuleFor(x => x.FileName).NotEmpty().MaximumLength(255).Must(CandidateInputRules.SafeFileName).WithMessage("Give a plain file name without path or control characters.");
            d.RuleFor(x => x.ContentType).Must(t => DocumentTypes.Contains(t, StringComparer.OrdinalIgnoreCase))
                .WithMessage($"Allowed types: {string.Join(", ", DocumentTypes)}.");
            d.RuleFor(x => x.Content).NotNull().Must(c => c is { Length: > 0 }).WithMessage("The document is empty.");
        });
        RuleFor(r => r.WorkExperience).Must(Bounded);
        RuleForEach(r => r.WorkExperience).ChildRules(w =>
        {
            w.RuleFor(x => x.Employer).NotEmpty().MaximumLength(200);
            w.RuleFor(x => x.JobTitle).NotEmpty().MaximumLength(200);
            w.RuleFor(x => x.Description).MaximumLength(4000);
            w.RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).When(x => x.StartDate is not null && x.EndDate is not null);
        });
        RuleFor(r => r.Education).Must(Bounded);
        RuleForEach(r => r.Education).ChildRules(e =>
        {
            e.RuleFor(x => x.Institution).NotEmpty().MaximumLength(200);
            e.RuleFor(x => x.Degree).NotEmpty().MaximumLength(200);
            e.RuleFor(x => x.FieldOfStudy).MaximumLength(200);
            e.RuleFor(x => x.StartYear).InclusiveBetween(1900, 2100);
            e.RuleFor(x => x.EndYear).InclusiveBetween(1900, 2100);
        });
        RuleFor(r => r.LanguageSkills).Must(Bounded);
        RuleForEach(r => r.LanguageSkills).ChildRules(l =>
        {
            l.RuleFor(x => x.Language).NotEmpty().MaximumLength(50);
            l.RuleFor(x => x.Level).NotEmpty().MaximumLength(50);
        });
        RuleFor(r => r.Assignments).Must(Bounded);
        RuleForEach(r => r.Assignments).ChildRules(a =>
        {
            a.RuleFor(x => x.ClientCompany).NotEmpty().MaximumLength(200);
            a.RuleFor(x => x.JobTitle).NotEmpty().MaximumLength(200);
            a.RuleFor(x => x.StartDate).NotEqual(default(DateOnly));
            a.RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).When(x => x.EndDate is not null);
            a.RuleFor(x => x.HourlyWage).InclusiveBetween(0m, 10_000m);
        });
        RuleFor(r => r.PayrollRecords).Must(Bounded);
        RuleForEach(r => r.PayrollRecords).ChildRules(p =>
        {
            p.RuleFor(x => x.DocumentType).IsInEnum();
            p.RuleFor(x => x.Year).InclusiveBetween(1950, 2100);
            p.RuleFor(x => x.Month).InclusiveBetween(1, 12);
            p.RuleFor(x => x.BankAccount).MaximumLength(34);
        });
        RuleFor(r => r.TaxRecords).Must(Bounded);
        RuleForEach(r => r.TaxRecords).ChildRules(t =>
        {
            t.RuleFor(x => x.TaxYear).InclusiveBetween(1950, 2100);
            t.RuleFor(x => x.Form).MaximumLength(20);
        });
        RuleFor(r => r.InterviewNotes).Must(Bounded);
        RuleForEach(r => r.InterviewNotes).ChildRules(n =>
        {
            n.RuleFor(x => x.Interviewer).NotEmpty().MaximumLength(200);
            n.RuleFor(x => x.Note).NotEmpty().MaximumLength(8000);
            n.RuleFor(x => x.InterviewedOn).NotEqual(default(DateOnly));
        });
        RuleFor(r => r.Evaluations).Must(Bounded);
        RuleForEach(r => r.Evaluations).ChildRules(e =>
        {
            e.RuleFor(x => x.Evaluator).NotEmpty().MaximumLength(200);
            e.RuleFor(x => x.ClientCompany).MaximumLength(200);
            e.RuleFor(x => x.Score).InclusiveBetween(0, 10);
            e.RuleFor(x => x.Comment).NotEmpty().MaximumLength(8000);
        });
        RuleFor(r => r.EmergencyContacts).Must(Bounded);
        RuleForEach(r => r.EmergencyContacts).ChildRules(e =>
        {
            e.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            e.RuleFor(x => x.Relationship).NotEmpty().MaximumLength(100);
            e.RuleFor(x => x.Phone).NotEmpty().MaximumLength(40).Matches(CandidateInputRules.PhonePattern).WithMessage(CandidateInputRules.PhoneMessage);
        });
        RuleFor(r => r.Consents).Must(Bounded);
        RuleForEach(r => r.Consents).ChildRules(c =>
        {
            c.RuleFor(x => x.PurposeCode).NotEmpty().MaximumLength(60);
            c.RuleFor(x => x.GivenAt).NotEqual(default(DateTimeOffset));
            c.RuleFor(x => x.Method).NotEmpty().MaximumLength(100);
            c.RuleFor(x => x.Evidence).NotEmpty().MaximumLength(2000).WithMessage("A consent needs its evidence (Art. 7(1)): what proves it was given.");
            c.RuleFor(x => x.WithdrawnAt).GreaterThanOrEqualTo(x => x.GivenAt).When(x => x.WithdrawnAt is not null);
            c.RuleFor(x => x.WithdrawalChannel).MaximumLength(100);
        });
        RuleFor(r => r.ContactMessages).Must(Bounded);
        RuleForEach(r => r.ContactMessages).ChildRules(m =>
        {
            m.RuleFor(x => x.Subject).NotEmpty().MaximumLength(300);
            m.RuleFor(x => x.Body).NotEmpty().MaximumLength(8000);
            m.RuleFor(x => x.ReceivedAt).NotEqual(default(DateTimeOffset));
        });
        RuleFor(r => r.Complaints).Must(Bounded);
        RuleForEach(r => r.Complaints).ChildRules(m =>
        {
            m.RuleFor(x => x.Subject).NotEmpty().MaximumLength(300);
            m.RuleFor(x => x.Description).NotEmpty().MaximumLength(8000);
            m.RuleFor(x => x.ReceivedOn).NotEqual(default(DateOnly));
        });
        RuleFor(r => r.SurveyAnswers).Must(Bounded);
        RuleForEach(r => r.SurveyAnswers).ChildRules(s =>
        {
            s.RuleFor(x => x.SurveyName).NotEmpty().MaximumLength(200);
            s.RuleFor(x => x.Score).InclusiveBetween(0, 10);
            s.RuleFor(x => x.Comment).MaximumLength(4000);
        });
        RuleFor(r => r.Photos).Must(Bounded);
        RuleForEach(r => r.Photos).ChildRules(p =>
        {
            p.RuleFor(x => x.FileName).NotEmpty().MaximumLength(255).Must(CandidateInputRules.SafeFileName).WithMessage("Give a plain file name without path or control characters.");
            p.RuleFor(x => x.ContentType).Must(t => PhotoTypes.Contains(t, StringComparer.OrdinalIgnoreCase)).WithMessage("Photos are image/jpeg or image/png.");
            p.RuleFor(x => x.Content).Must(c => c is { Length: > 0 }).WithMessage("The photo is empty.")
                .Must(CandidateInputRules.LooksLikeImage).WithMessage("The content is not a JPEG or PNG image.");
        });
        RuleFor(r => r.ProfessionalEmails).Must(Bounded);
        RuleForEach(r => r.ProfessionalEmails).ChildRules(e =>
        {
            e.RuleFor(x => x.FromAddress).NotEmpty().MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
            e.RuleFor(x => x.ToAddress).NotEmpty().MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
            e.RuleFor(x => x.Subject).NotEmpty().MaximumLength(300).Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
            e.RuleFor(x => x.Body).NotEmpty().MaximumLength(20000);
            e.RuleFor(x => x.ClientCompany).MaximumLength(200);
        });
        RuleFor(r => r.ClientDisclosures).Must(Bounded);
        RuleForEach(r => r.ClientDisclosures).SetValidator(new ClientDisclosureInputValidator());
    }

    private static bool Bounded<T>(IReadOnlyList<T>? list) => list is null || list.Count <= MaxRecordsPerSet;
}

public sealed class ClientDisclosureInputValidator : AbstractValidator<ClientDisclosureInput>
{
    public ClientDisclosureInputValidator()
    {
        RuleFor(x => x.ClientCompany).NotEmpty().MaximumLength(200).Must(CandidateInputRules.NoFormula).WithMessage(CandidateInputRules.FormulaMessage)
            .Must(CandidateInputRules.NoMarkup).WithMessage(CandidateInputRules.MarkupMessage);
        RuleFor(x => x.ClientEmail).MaximumLength(254).EmailAddress().Must(CandidateInputRules.SingleLine).WithMessage(CandidateInputRules.SingleLineMessage);
        RuleFor(x => x.DisclosedOn).NotEqual(default(DateOnly));
        RuleFor(x => x.What).MaximumLength(100);
        RuleFor(x => x.PurposeCode).NotEmpty().MaximumLength(60);
    }
}

/// <summary>Shared input checks (hostile input: formulas for spreadsheets, header injection, path tricks).</summary>
public static class CandidateInputRules
{
    public const string PhonePattern = @"^\+?[0-9 ./()-]{6,40}$";
    public const string PhoneMessage = "Give a phone number of digits, spaces and + . / ( ) - only.";
    public const string FormulaMessage = "A value may not start with = + - @ (it would run as a formula in a spreadsheet export).";
    public const string SingleLineMessage = "Line breaks are not allowed here.";

    /// <summary>Names and references go into CSV exports: refuse spreadsheet formulas (CSV injection).</summary>
    public static bool NoFormula(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return true;
        return value.TrimStart()[0] is not ('=' or '+' or '-' or '@');
    }

    public const string MarkupMessage = "Angle brackets are not allowed in names.";

    /// <summary>Names never contain markup; refusing &lt; and &gt; keeps script out of every later rendering and export.</summary>
    public static bool NoMarkup(string? value) => value is null || value.IndexOfAny(['<', '>']) < 0;

    public static bool SingleLine(string? value) => value is null || value.IndexOfAny(['\r', '\n', '\0']) < 0;

    public const string DeliverableMessage = "Give one plain e-mail address, such as name@example.be.";

    /// <summary>
    /// An address the mailer takes as exactly one recipient: the portal's strict pattern (no spaces, brackets,
    /// commas or quotes) and System.Net.Mail's own parser agreeing on it. FluentValidation's EmailAddress() only
    /// looks for an "@"; sqlmap's "an@example.be(..." passed it and later failed in the outbox (docs/security.md).
    /// </summary>
    public static bool Deliverable(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return true;
        var trimmed = value.Trim();
        return Portal.PortalInput.IsEmail(trimmed) && System.Net.Mail.MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed && string.IsNullOrEmpty(address.DisplayName);
    }

    public static bool NoControlCharacters(string? value) => value is null || !value.Any(c => char.IsControl(c));

    public static bool SafeFileName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.IndexOfAny(['/', '\\', ':', '\0']) < 0 && !value.Any(char.IsControl) && value.Trim('.').Length > 0;

    public static bool LooksLikeImage(byte[]? content) =>
        content is { Length: > 4 } && ((content[0] == 0xFF && content[1] == 0xD8) || (content[0] == 0x89 && content[1] == 0x50 && content[2] == 0x4E && content[3] == 0x47));
}
