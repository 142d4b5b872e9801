using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Bench;

/// <summary>
/// One former temporary worker with <c>records</c> records spread over the record sets a long career fills, dates
/// over ten years, so the plan engine has many distinct retention verdicts to group. Shared by bench/Plans (engine
/// only, in memory) and bench/Packages (written to PostgreSQL, then planned and packaged end to end). Shares of
/// 10,000: 3,000 payslips, 500 tax forms, 1,000 assignments, 1,000 applications, 500 client disclosures, 500 survey
/// answers, 500 contact messages, 20 each of CVs, interview notes, consents, work experience and education, the rest
/// (2,900) professional e-mails.
/// </summary>
internal static class CareerRecords
{
    public static Candidate FormerWorker(int records)
    {
        var c = new Candidate
        {
            FirstName = "Lotte", LastName = "Janssens", Email = "lotte@example.be", Language = "nl",
            RegisteredOn = new DateOnly(2016, 1, 4), LastActivityOn = new DateOnly(2026, 10, 1),
            NationalNumberEncrypted = "enc:x", EmploymentStatus = EmploymentStatus.FormerWorker,
            LastWorkingDay = new DateOnly(2024, 6, 30),
        };
        var start = new DateOnly(2016, 1, 4);
        var i = 0;
        // Fixed shares of the 10,000 (the remainder goes to e-mails).
        for (var k = 0; k < records * 30 / 100; k++, i++)
        {
            var d = start.AddDays(k % 3100);
            c.PayrollRecords.Add(new PayrollRecord { CandidateId = c.Id, CollectedOn = d, Year = d.Year, Month = d.Month, GrossAmount = 2500m, NetAmount = 1900m });
        }

        for (var k = 0; k < records * 5 / 100; k++, i++)
        {
            c.TaxRecords.Add(new TaxRecord { CandidateId = c.Id, CollectedOn = start.AddDays(k % 3100), TaxYear = 2016 + (k % 9) });
        }

        for (var k = 0; k < records * 10 / 100; k++, i++)
        {
            var d = start.AddDays(k % 3000);
            c.Assignments.Add(new Assignment { CandidateId = c.Id, CollectedOn = d, ClientCompany = $"Client {k % 40}", JobTitle = "Operator", StartDate = d, EndDate = d.AddDays(20) });
        }

        for (var k = 0; k < records * 10 / 100; k++, i++)
        {
            var d = start.AddDays(k % 3000);
            c.Applications.Add(new Application { CandidateId = c.Id, CollectedOn = d, VacancyTitle = "Operator", AppliedOn = d, ClosedOn = d.AddDays(30) });
        }

        for (var k = 0; k < records * 5 / 100; k++, i++)
        {
            c.ClientDisclosures.Add(new ClientDisclosure { CandidateId = c.Id, CollectedOn = start.AddDays(k % 3000), ClientCompany = $"Client {k % 40}", DisclosedOn = start.AddDays(k % 3000), PurposeCode = "client-presentation" });
        }

        for (var k = 0; k < records * 5 / 100; k++, i++)
        {
            c.SurveyAnswers.Add(new SurveyAnswer { CandidateId = c.Id, CollectedOn = start.AddDays(k % 3900), SurveyName = "NPS", AnsweredOn = start.AddDays(k % 3900) });
        }

        for (var k = 0; k < records * 5 / 100; k++, i++)
        {
            c.ContactMessages.Add(new ContactMessage { CandidateId = c.Id, CollectedOn = start.AddDays(k % 3900), Subject = "Vraag", ClosedOn = start.AddDays((k % 3900) + 3) });
        }

        for (var k = 0; k < 20; k++, i++)
        {
            c.Documents.Add(new CandidateDocument { CandidateId = c.Id, CollectedOn = start.AddDays(k * 100), Kind = DocumentKind.Cv, FileName = $"cv{k}.pdf" });
            c.InterviewNotes.Add(new InterviewNote { CandidateId = c.Id, CollectedOn = start.AddDays(k * 100), InterviewedOn = start.AddDays(k * 100), Interviewer = "Jan", Note = "-" });
            c.Consents.Add(new Consent { CandidateId = c.Id, CollectedOn = start.AddDays(k * 100), PurposeCode = k % 2 == 0 ? "newsletter" : "photo", GivenAt = new DateTimeOffset(start.AddDays(k * 100).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Method = "portal" });
            c.WorkExperience.Add(new WorkExperience { CandidateId = c.Id, CollectedOn = start, Employer = "Colruyt", JobTitle = "Magazijnier" });
            c.Education.Add(new EducationRecord { CandidateId = c.Id, CollectedOn = start, Institution = "KTA", Degree = "TSO" });
            i += 4;
        }

        while (i < records)
        {
            var d = start.AddDays(i % 3900);
            c.ProfessionalEmails.Add(new ProfessionalEmail { CandidateId = c.Id, CollectedOn = d, SentAt = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Subject = "Kandidaat", ClientCompany = $"Client {i % 40}" });
            i++;
        }

        return c;
    }

    public static int Count(Candidate c) =>
        c.Applications.Count + c.Documents.Count + c.WorkExperience.Count + c.Education.Count + c.LanguageSkills.Count
        + c.Assignments.Count + c.PayrollRecords.Count + c.TaxRecords.Count + c.InterviewNotes.Count + c.Evaluations.Count
        + c.EmergencyContacts.Count + c.Consents.Count + c.ContactMessages.Count + c.Complaints.Count + c.SurveyAnswers.Count
        + c.Photos.Count + c.ProfessionalEmails.Count + c.ClientDisclosures.Count;
}
