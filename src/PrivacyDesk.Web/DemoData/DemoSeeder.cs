using System.Text;
using Bogus;
using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.DemoData;

/// <summary>
/// Demo data: the ASAP policy pack, about 200 Belgian candidates across every record set, requests in
/// various states, and one staff account per role whose logins are printed (and in the README).
/// </summary>
public static class DemoSeeder
{
    public const string DemoPassword = "PrivacyDesk-demo-2026";

    public static readonly (string Email, string Name, string Role)[] StaffAccounts =
    [
        ("dpo@privacydesk.local", "Dana Peeters (DPO)", Roles.Dpo),
        ("backoffice@privacydesk.local", "Bram Claes (back office)", Roles.BackOffice),
        ("admin@privacydesk.local", "Ann Maes (admin)", Roles.Admin),
    ];

    public static async Task SeedIfEmptyAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<PrivacyDeskDbContext>();
        if (await db.ControllerProfiles.AnyAsync())
            return;
        await SeedAsync(services, output, force: false);
    }

    public static async Task SeedAsync(IServiceProvider services, TextWriter output, bool force)
    {
        var db = services.GetRequiredService<PrivacyDeskDbContext>();
        var user = services.GetRequiredService<CurrentUser>();
        user.ActAsSystem("demo-seed", Roles.Admin, Roles.Dpo);
        var mediator = services.GetRequiredService<IMediator>();
        var clock = services.GetRequiredService<TimeProvider>();

        await mediator.Send(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") });
        await EnsureStaffAsync(services);

        if (!force && await db.Candidates.IgnoreQueryFilters().AnyAsync())
        {
            await output.WriteLineAsync("Demo candidates already present; staff accounts ensured.");
            PrintLogins(output);
            return;
        }

        var today = BrusselsTime.Today(clock);
        var candidates = GenerateCandidates(200, today, seed: 20261122);
        db.Candidates.AddRange(candidates);
        await db.SaveChangesAsync();

        var intake = services.GetRequiredService<RequestIntake>();
        await SeedRequestsAsync(db, intake, candidates, clock);
        await output.WriteLineAsync($"Demo data: {candidates.Count} candidates with records in every record set, requests in several states.");
        PrintLogins(output);
    }

    private static void PrintLogins(TextWriter output)
    {
        output.WriteLine("Staff logins (demo only) — password: " + DemoPassword);
        foreach (var (email, _, role) in StaffAccounts)
            output.WriteLine($"  {role,-10} {email}");
    }

    private static async Task EnsureStaffAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.Staff)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));
        }
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (email, name, role) in StaffAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
                continue;
            var staff = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var result = await users.CreateAsync(staff, DemoPassword);
            if (!result.Succeeded)
                throw new InvalidOperationException("Could not create demo staff: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(staff, role);
        }
    }

    public static List<Candidate> GenerateCandidates(int count, DateOnly today, int seed)
    {
        Randomizer.Seed = new Random(seed);
        var f = new Faker("nl_BE");
        var clients = new[] { "Ford Genk Logistics", "Colruyt Halle", "Umicore Olen", "Barco Kortrijk", "Proximus Brussel", "Janssen Beerse", "Bpost Antwerpen", "Delhaize Zellik" };
        var list = new List<Candidate>(count);
        for (var i = 0; i < count; i++)
        {
            var registered = today.AddDays(-f.Random.Int(30, 3000));
            var worked = i % 3 != 0;
            var stillWorking = worked && i % 5 == 1;
            var first = f.Name.FirstName();
            var last = f.Name.LastName();
            var c = new Candidate
            {
                ExternalReference = $"ATS-{10000 + i}",
                FirstName = first,
                LastName = last,
                Email = $"{Slug(first)}.{Slug(last)}{i}@example.be",
                Phone = $"+32 47{f.Random.Int(0, 9)} {f.Random.Int(10, 99)} {f.Random.Int(10, 99)} {f.Random.Int(10, 99)}",
                DateOfBirth = today.AddYears(-f.Random.Int(19, 62)).AddDays(-f.Random.Int(0, 364)),
                Language = f.PickRandom("nl", "nl", "nl", "fr", "en"),
                Street = f.Address.StreetAddress(),
                PostalCode = f.Address.ZipCode("####"),
                City = f.Address.City(),
                Country = "BE",
                EmploymentStatus = stillWorking ? EmploymentStatus.Working : worked ? EmploymentStatus.FormerWorker : EmploymentStatus.Candidate,
                RegisteredOn = registered,
                LastActivityOn = today.AddDays(-f.Random.Int(0, 900)),
                Source = f.PickRandom("Website", "Jobat", "VDAB", "Branch office", "Referral"),
                CreatedAt = registered.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                UpdatedAt = registered.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            Add(c, c.Applications, new Application { VacancyTitle = f.Name.JobTitle(), VacancyReference = $"VAC-{f.Random.Int(1000, 9999)}", AppliedOn = registered, Status = f.PickRandom("Open", "Hired", "Rejected", "Withdrawn"), Source = c.Source, Motivation = f.Lorem.Sentence(12), CollectedOn = registered });
            Add(c, c.Documents, new CandidateDocument { Kind = DocumentKind.Cv, FileName = $"cv-{Slug(last)}.txt", ContentType = "text/plain", Content = Encoding.UTF8.GetBytes($"Curriculum vitae {first} {last}\n{f.Lorem.Paragraph()}"), CollectedOn = registered });
            Add(c, c.WorkExperience, new WorkExperience { Employer = f.Company.CompanyName(), JobTitle = f.Name.JobTitle(), StartDate = registered.AddYears(-4), EndDate = registered.AddYears(-1), Description = f.Lorem.Sentence(10), CollectedOn = registered });
            Add(c, c.Education, new EducationRecord { Institution = f.PickRandom("KU Leuven", "UGent", "UHasselt", "ULB", "Thomas More", "PXL"), Degree = f.PickRandom("Bachelor", "Master", "Secundair onderwijs"), FieldOfStudy = f.Commerce.Department(), StartYear = registered.Year - 8, EndYear = registered.Year - 5, CollectedOn = registered });
            Add(c, c.LanguageSkills, new LanguageSkill { Language = "Nederlands", Level = "C2", CollectedOn = registered });
            Add(c, c.LanguageSkills, new LanguageSkill { Language = f.PickRandom("Frans", "Engels", "Duits"), Level = f.PickRandom("A2", "B1", "B2", "C1"), CollectedOn = registered });
            Add(c, c.Consents, new Consent { PurposeCode = "talent-pool", GivenAt = c.CreatedAt, Method = "Web form checkbox", Evidence = "Double opt-in confirmation e-mail", DoubleOptIn = true, CollectedOn = registered });
            if (i % 2 == 0)
                Add(c, c.Consents, new Consent { PurposeCode = "newsletter", GivenAt = c.CreatedAt, Method = "Web form checkbox", Evidence = "Double opt-in", DoubleOptIn = true, CollectedOn = registered });
            Add(c, c.InterviewNotes, new InterviewNote { InterviewedOn = registered.AddDays(7), Interviewer = "Consultant " + f.Name.FirstName(), Note = f.Lorem.Sentences(2), CollectedOn = registered.AddDays(7) });
            Add(c, c.EmergencyContacts, new EmergencyContact { Name = f.Name.FullName(), Relationship = f.PickRandom("Partner", "Moeder", "Vader", "Broer"), Phone = "+32 49 " + f.Random.Int(100000, 999999), CollectedOn = registered });
            Add(c, c.ContactMessages, new ContactMessage { ReceivedAt = c.CreatedAt.AddDays(3), Subject = "Vraag over vacature", Body = f.Lorem.Sentence(15), ClosedOn = registered.AddDays(5), CollectedOn = registered.AddDays(3) });
            Add(c, c.SurveyAnswers, new SurveyAnswer { SurveyName = "Tevredenheid 2025", AnsweredOn = today.AddDays(-f.Random.Int(10, 900)), Score = f.Random.Int(1, 10), Comment = f.Lorem.Sentence(6), CollectedOn = today.AddDays(-f.Random.Int(10, 900)) });
            if (i % 4 == 0)
                Add(c, c.Photos, new Photo { FileName = "photo.svg", ContentType = "image/svg+xml", Content = Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"), CollectedOn = registered });
            if (i % 7 == 0)
                Add(c, c.Complaints, new Complaint { ReceivedOn = registered.AddDays(40), Subject = "Laattijdige betaling", Description = f.Lorem.Sentence(10), ClosedOn = registered.AddDays(60), CollectedOn = registered.AddDays(40) });
            var client = f.PickRandom(clients);
            Add(c, c.ClientDisclosures, new ClientDisclosure { ClientCompany = client, ClientEmail = "hr@" + Slug(client) + ".example", DisclosedOn = registered.AddDays(10), What = "CV", PurposeCode = "application", CollectedOn = registered.AddDays(10) });
            // ACC-6: most e-mails were already reviewed for access (the client's contact person removed); every fifth waits for review.
            Add(c, c.ProfessionalEmails, new ProfessionalEmail { SentAt = c.CreatedAt.AddDays(12), FromAddress = "consultant@asap.example", ToAddress = "hr@" + Slug(client) + ".example", Subject = $"Kandidaat {first} {last}", Body = $"Beste, hierbij het profiel van {first} {last}. Contactpersoon bij u: {f.Name.FullName()}.", ClientCompany = client, CollectedOn = registered.AddDays(12),
                RedactedExtract = i % 5 == 4 ? null : $"Beste, hierbij het profiel van {first} {last}. Contactpersoon bij u: [weggelaten]." });
            if (worked)
            {
                var start = registered.AddDays(30);
                var end = stillWorking ? (DateOnly?)null : start.AddDays(f.Random.Int(30, 700));
                c.LastWorkingDay = end;
                Add(c, c.Assignments, new Assignment { ClientCompany = client, JobTitle = f.PickRandom("Productiemedewerker", "Magazijnier", "Administratief bediende", "Heftruckchauffeur"), StartDate = start, EndDate = end, HourlyWage = Math.Round(f.Random.Decimal(14, 24), 2), CollectedOn = start });
                Add(c, c.Evaluations, new Evaluation { EvaluatedOn = start.AddDays(20), Evaluator = "Teamleader", ClientCompany = client, Score = f.Random.Int(5, 10), Comment = f.Lorem.Sentence(8), CollectedOn = start.AddDays(20) });
                var lastMonth = end ?? today;
                for (var m = 0; m < 3; m++)
                {
                    var month = lastMonth.AddMonths(-m);
                    Add(c, c.PayrollRecords, new PayrollRecord { DocumentType = PayrollDocumentType.Payslip, Year = month.Year, Month = month.Month, GrossAmount = 2600 + m * 10, NetAmount = 1900 + m * 8, BankAccount = "BE68 5390 0754 " + f.Random.Int(1000, 9999), CollectedOn = month });
                }
                Add(c, c.PayrollRecords, new PayrollRecord { DocumentType = PayrollDocumentType.IndividualAccount, Year = lastMonth.Year, GrossAmount = 7800, NetAmount = 5700, CollectedOn = new DateOnly(lastMonth.Year, 12, 31) < today ? new DateOnly(lastMonth.Year, 12, 31) : today });
                Add(c, c.TaxRecords, new TaxRecord { TaxYear = lastMonth.Year, Form = "281.10", TaxableAmount = 7800, WithholdingTax = 1450, CollectedOn = lastMonth });
            }
            list.Add(c);
        }
        return list;
    }

    private static void Add<T>(Candidate candidate, List<T> records, T record)
        where T : CandidateRecord
    {
        record.CandidateId = candidate.Id;
        records.Add(record);
    }

    private static string Slug(string s) =>
        new string(s.Normalize(NormalizationForm.FormD).Where(ch => char.IsAsciiLetterOrDigit(ch)).ToArray()).ToLowerInvariant();

    private static async Task SeedRequestsAsync(PrivacyDeskDbContext db, RequestIntake intake, List<Candidate> candidates, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var today = BrusselsTime.ToBrusselsDate(now);
        var types = Enum.GetValues<RequestType>();
        for (var i = 0; i < 24; i++)
        {
            var c = candidates[i * 7 % candidates.Count];
            var rights = i % 6 == 5
                ? new[] { new DataSubjectRequest.SubRequestInput(RequestType.Erasure, null), new DataSubjectRequest.SubRequestInput(RequestType.Restriction, "{\"ground\":\"ObjectionPending\"}") }
                : [new DataSubjectRequest.SubRequestInput(types[i % types.Length], null)];
            var channel = i % 4 == 0 ? Channel.Email : Channel.Web;
            var created = await intake.ReceiveAsync(new RequestIntake.Input(channel, now.AddDays(-(i * 2 % 40)), c.Language,
                new DataSubjectRequest.Requester(c.FirstName, c.LastName, c.Email!, c.Phone, c.DateOfBirth), rights,
                "Demo request", true, null), "demo-seed", CancellationToken.None);
            var r = created.Request;
            switch (i % 5)
            {
                case 1:
                    var link = Tokens.New();
                    r.IssueVerificationToken(Tokens.Hash(link), now.AddDays(2), now, "demo-seed");
                    r.ConfirmEmail(Tokens.Hash(link), now);
                    break;
                case 2:
                    r.LinkCandidate(c.Id, "E-mail address and date of birth match", now, "demo-seed");
                    r.EstablishIdentity("E-mail link + date of birth", now, today, "demo-seed");
                    break;
                case 3:
                    r.AskDataSubject(WaitingReason.Identity, "Two candidates share this name; please confirm your date of birth.", true, today, now, "demo-seed");
                    break;
                case 4:
                    r.LinkCandidate(c.Id, "E-mail address and phone match", now, "demo-seed");
                    r.EstablishIdentity("E-mail link + phone", now, today, "demo-seed");
                    r.Decide(DecisionOutcome.Approved, null, now, "demo-seed");
                    break;
            }
            intake.ApplyDeadlines(r, today);
        }
        await db.SaveChangesAsync();
    }
}
