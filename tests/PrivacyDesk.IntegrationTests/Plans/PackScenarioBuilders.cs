using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Plans;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>
/// Precise candidates for the pack scenarios (every date explicit, unlike the random demo generator), and the
/// path a real case takes: candidate in the database, request through intake, plan through GetRequestPlan.
/// The test clock stays at its default, 2026-11-23 (Brussels), so "today" is 2026-11-23 in every expectation.
/// </summary>
internal static class PackScenarioBuilders
{
    public static readonly DateOnly Today = new(2026, 11, 23);
    public static readonly DateOnly Registered = new(2021, 2, 1);
    public static readonly DateOnly LastActivity = new(2026, 10, 1);

    /// <summary>
    /// A former temporary worker whose last working day is <paramref name="lastWorkingDay"/>: six payslips and the
    /// individual account of that year, tax forms for that year and the one before, one assignment ending that
    /// day, and one record in every other set. Consents are given for <paramref name="consentPurposes"/>.
    /// </summary>
    public static Candidate Worker(DateOnly lastWorkingDay, params string[] consentPurposes)
    {
        var c = Candidate(EmploymentStatus.FormerWorker, consentPurposes);
        c.LastWorkingDay = lastWorkingDay;
        var start = lastWorkingDay.AddMonths(-6).AddDays(1);
        c.Assignments.Add(new Assignment { CandidateId = c.Id, CollectedOn = start, ClientCompany = "Brouwerij Bosteels", JobTitle = "Operator", StartDate = start, EndDate = lastWorkingDay, HourlyWage = 15.2m });
        for (var m = start; m <= lastWorkingDay; m = m.AddMonths(1))
        {
            c.PayrollRecords.Add(new PayrollRecord { CandidateId = c.Id, CollectedOn = m, DocumentType = PayrollDocumentType.Payslip, Year = m.Year, Month = m.Month, GrossAmount = 2500m, NetAmount = 1900m, BankAccount = "BE71096123456769" });
        }

        c.PayrollRecords.Add(new PayrollRecord { CandidateId = c.Id, CollectedOn = lastWorkingDay, DocumentType = PayrollDocumentType.IndividualAccount, Year = lastWorkingDay.Year, GrossAmount = 15000m, NetAmount = 11400m });
        c.TaxRecords.Add(new TaxRecord { CandidateId = c.Id, CollectedOn = new DateOnly(lastWorkingDay.Year, 2, 15), TaxYear = lastWorkingDay.Year - 1, TaxableAmount = 9000m, WithholdingTax = 1500m });
        c.TaxRecords.Add(new TaxRecord { CandidateId = c.Id, CollectedOn = new DateOnly(lastWorkingDay.Year + 1, 2, 15), TaxYear = lastWorkingDay.Year, TaxableAmount = 15000m, WithholdingTax = 2500m });
        c.Evaluations.Add(new Evaluation { CandidateId = c.Id, CollectedOn = lastWorkingDay, EvaluatedOn = lastWorkingDay, Evaluator = "Jan", ClientCompany = "Brouwerij Bosteels", Score = 7, Comment = "Punctual" });
        c.EmergencyContacts.Add(new EmergencyContact { CandidateId = c.Id, CollectedOn = start, Name = "Els Peeters", Relationship = "partner", Phone = "+32470000000" });
        return c;
    }

    /// <summary>A candidate who registered and applied in 2021 but never worked through the agency.</summary>
    public static Candidate NeverWorked(params string[] consentPurposes) => Candidate(EmploymentStatus.Candidate, consentPurposes);

    private static Candidate Candidate(EmploymentStatus status, string[] consentPurposes)
    {
        var c = new Candidate
        {
            FirstName = "Lotte", LastName = "Janssens", Email = $"lotte.{Guid.NewGuid():N}@example.be", Phone = "+32470111222",
            DateOfBirth = new DateOnly(1995, 7, 30), Language = "en", Street = "Veldstraat 1", PostalCode = "9000", City = "Gent", Country = "BE",
            NationalNumberEncrypted = "enc:95.07.30-033.28", EmploymentStatus = status, RegisteredOn = Registered, LastActivityOn = LastActivity,
            CreatedAt = new DateTimeOffset(2021, 2, 1, 9, 0, 0, TimeSpan.Zero), UpdatedAt = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero),
        };
        c.Applications.Add(new Application { CandidateId = c.Id, CollectedOn = Registered, VacancyTitle = "Operator", AppliedOn = Registered, Status = "Closed", ClosedOn = new DateOnly(2021, 3, 1) });
        c.Documents.Add(new CandidateDocument { CandidateId = c.Id, CollectedOn = Registered, Kind = DocumentKind.Cv, FileName = "cv.pdf", ContentType = "application/pdf", Content = [1, 2, 3] });
        c.WorkExperience.Add(new WorkExperience { CandidateId = c.Id, CollectedOn = Registered, Employer = "Colruyt", JobTitle = "Warehouse clerk", StartDate = new DateOnly(2016, 9, 1), EndDate = new DateOnly(2020, 12, 31) });
        c.Education.Add(new EducationRecord { CandidateId = c.Id, CollectedOn = Registered, Institution = "KTA Gent", Degree = "TSO Electromechanics", EndYear = 2013 });
        c.LanguageSkills.Add(new LanguageSkill { CandidateId = c.Id, CollectedOn = Registered, Language = "fr", Level = "B1" });
        c.InterviewNotes.Add(new InterviewNote { CandidateId = c.Id, CollectedOn = new DateOnly(2021, 2, 10), InterviewedOn = new DateOnly(2021, 2, 10), Interviewer = "Jan", Note = "Motivated" });
        c.Photos.Add(new Photo { CandidateId = c.Id, CollectedOn = Registered, FileName = "me.jpg", Content = [1] });
        c.SurveyAnswers.Add(new SurveyAnswer { CandidateId = c.Id, CollectedOn = new DateOnly(2025, 10, 1), SurveyName = "NPS", AnsweredOn = new DateOnly(2025, 10, 1), Score = 8 });
        c.ContactMessages.Add(new ContactMessage { CandidateId = c.Id, CollectedOn = new DateOnly(2026, 1, 5), ReceivedAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), Subject = "Question", Body = "When is my next payslip?", ClosedOn = new DateOnly(2026, 1, 10) });
        c.Complaints.Add(new Complaint { CandidateId = c.Id, CollectedOn = new DateOnly(2025, 5, 1), ReceivedOn = new DateOnly(2025, 5, 1), Subject = "Late reply", Description = "No answer for two weeks", ClosedOn = new DateOnly(2025, 6, 1) });
        c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, CollectedOn = new DateOnly(2026, 2, 1), SentAt = new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), FromAddress = "consultant@agency.example", ToAddress = "hr@bosteels.example", Subject = "Candidate Lotte", Body = "Lotte can start Monday.", ClientCompany = "Brouwerij Bosteels" });
        c.ClientDisclosures.Add(new ClientDisclosure { CandidateId = c.Id, CollectedOn = new DateOnly(2021, 2, 15), ClientCompany = "Brouwerij Bosteels", DisclosedOn = new DateOnly(2021, 2, 15), What = "CV", PurposeCode = "client-presentation" });
        foreach (var purpose in consentPurposes)
        {
            c.Consents.Add(new Consent { CandidateId = c.Id, CollectedOn = Registered, PurposeCode = purpose, GivenAt = new DateTimeOffset(2021, 2, 1, 9, 0, 0, TimeSpan.Zero), Method = "portal", Evidence = "checkbox v3", DoubleOptIn = true });
        }

        return c;
    }

    public static async Task<Candidate> SaveAsync(this AppFixture app, Candidate candidate)
    {
        await app.WithDbAsync(async db =>
        {
            db.Candidates.Add(candidate);
            return await db.SaveChangesAsync();
        });
        return candidate;
    }

    /// <summary>A request for one right by the (identified) candidate, and its plan from GetRequestPlan.</summary>
    public static async Task<RequestPlan> PlanAsync(this AppFixture app, Candidate candidate, RequestType type)
    {
        var request = await app.AddRequestAsync(candidate, type);
        var result = await app.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Dpo);
        var sub = Assert.Single(result.SubRequests);
        Assert.Equal(type, sub.Type);
        Assert.False(sub.Plan.NoDataHeld);
        return sub.Plan;
    }

    /// <summary>Places a legal hold through the domain factory and stores it (the number comes from the database sequence).</summary>
    public static async Task<LegalHold> PlaceHoldAsync(this AppFixture app, Candidate candidate, bool allPurposes, params string[] purposeCodes)
    {
        var now = app.Clock.GetUtcNow();
        var hold = LegalHold.Place(candidate.Id, allPurposes, purposeCodes, LegalHoldReason.Dispute, "AR Gent 26/1234",
            "Dispute before the labour court about overtime pay", allPurposes ? "The claim contests the whole employment relationship." : null,
            "Final judgment plus appeal period", Today.AddMonths(3), "dpo@agency.example", now, Today);
        return await app.WithDbAsync(async db =>
        {
            db.LegalHolds.Add(hold);
            await db.SaveChangesAsync();
            return hold;
        });
    }

    public static IReadOnlyList<PlanLine> Lines(this RequestPlan plan, string purpose, RecordSet set)
    {
        var lines = plan.For(purpose, set).ToList();
        Assert.True(lines.Count > 0, $"No plan line for {purpose} × {set}.");
        return lines;
    }

    public static PlanLine Line(this RequestPlan plan, string purpose, RecordSet set) => Assert.Single(plan.Lines(purpose, set));

    public static PlanOutcome Decision(this RequestPlan plan, CandidateRecord record) =>
        (plan.DecisionFor(record.Id) ?? throw new InvalidOperationException($"No decision for {record.GetType().Name} {record.Id}.")).Outcome;

    /// <summary>One line for purpose × set with the expected outcome, rule id and (optionally) date.</summary>
    public static PlanLine Expect(this RequestPlan plan, string purpose, RecordSet set, PlanOutcome outcome, string? ruleId = null, string? keepUntil = null)
    {
        var line = plan.Line(purpose, set);
        Assert.True(outcome == line.Outcome, $"{purpose} × {set}: expected {outcome}, got {line.Outcome} ({line.RuleId}): {line.Reason.En}");
        if (ruleId is not null)
            Assert.True(ruleId == line.RuleId, $"{purpose} × {set}: expected rule {ruleId}, got {line.RuleId}");
        if (keepUntil is not null)
            Assert.True(D(keepUntil) == line.KeepUntil, $"{purpose} × {set}: expected {keepUntil}, got {line.KeepUntil}");
        return line;
    }

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
