using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

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
