using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Retention;

namespace PrivacyDesk.IntegrationTests.Retention;

/// <summary>
/// What the retention sweep must never erase, on the ASAP pack (today 2026-11-23; "duration of the career" rules are
/// EndOfCareer + P0D with CAREER_INACTIVITY_PERIOD P2Y): a running career or contract (RET-9, RET-5, ER-2), data
/// restricted under Art. 18 (RS-1, RS-2), and a consent purpose for a person who never consented (ACC-4, RET-6, RET-7).
/// </summary>
public sealed class RetentionGuardsTests(AppFixture app) : IntegrationTest(app)
{
    private Candidate Person(string name, EmploymentStatus status, DateOnly? lastLogin = null) => new()
    {
        FirstName = name, LastName = "Guard", Email = name.ToLowerInvariant() + "@example.be", Phone = "+32470000000",
        EmploymentStatus = status, RegisteredOn = new DateOnly(2019, 1, 1), LastActivityOn = lastLogin,
        CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
    };

    private static WorkExperience Career(Candidate c, DateOnly collected) =>
        new() { CandidateId = c.Id, Employer = "Old employer", JobTitle = "Welder", CollectedOn = collected };

    private static EducationRecord School(Candidate c, DateOnly collected) =>
        new() { CandidateId = c.Id, Institution = "School", Degree = "Diploma", CollectedOn = collected };

    private async Task SaveAsync(params Candidate[] candidates) => await App.WithDbAsync(async db =>
    {
        db.Candidates.AddRange(candidates);
        await db.SaveChangesAsync();
        return 0;
    });

    private async Task<RetentionSweep.Report> SweepAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(false, CancellationToken.None);
    }

    private Task<bool> ExistsAsync<T>(Guid id) where T : CandidateRecord =>
        App.WithDbAsync(db => db.Set<T>().IgnoreQueryFilters().AnyAsync(r => r.Id == id));

    private Task<string?> EmailAsync(Guid candidateId) =>
        App.WithDbAsync(db => db.Candidates.IgnoreQueryFilters().Where(c => c.Id == candidateId).Select(c => c.Email).FirstAsync());

    [Fact]
    public async Task Should_keep_career_data_while_an_assignment_runs_although_the_last_application_is_old_RET9_RET5()
    {
        await App.ImportPackAsync("asap");
        // A temporary worker on a long assignment: last application in 2020 (EndOfCareer would be 2022 if the running
        // assignment were ignored), one assignment without an end date, another ending next year.
        var openEnded = Person("Open", EmploymentStatus.Working);
        openEnded.Applications.Add(new Application { CandidateId = openEnded.Id, VacancyTitle = "Welder", AppliedOn = new DateOnly(2020, 3, 1), CollectedOn = new DateOnly(2020, 3, 1) });
        openEnded.Assignments.Add(new Assignment { CandidateId = openEnded.Id, ClientCompany = "Acme", JobTitle = "Welder", StartDate = new DateOnly(2021, 1, 4), CollectedOn = new DateOnly(2021, 1, 4) });
        var openCareer = Career(openEnded, new DateOnly(2020, 3, 1));
        var openSchool = School(openEnded, new DateOnly(2020, 3, 1));
        openEnded.WorkExperience.Add(openCareer);
        openEnded.Education.Add(openSchool);

        var endsLater = Person("Later", EmploymentStatus.Candidate);
        endsLater.Applications.Add(new Application { CandidateId = endsLater.Id, VacancyTitle = "Driver", AppliedOn = new DateOnly(2020, 3, 1), CollectedOn = new DateOnly(2020, 3, 1) });
        endsLater.Assignments.Add(new Assignment { CandidateId = endsLater.Id, ClientCompany = "Acme", JobTitle = "Driver", StartDate = new DateOnly(2021, 1, 4), EndDate = new DateOnly(2027, 6, 30), CollectedOn = new DateOnly(2021, 1, 4) });
        var laterCareer = Career(endsLater, new DateOnly(2020, 3, 1));
        endsLater.WorkExperience.Add(laterCareer);
        await SaveAsync(openEnded, endsLater);

        await SweepAsync();

        Assert.True(await ExistsAsync<WorkExperience>(openCareer.Id), "RET-9: a running assignment keeps the career going");
        Assert.True(await ExistsAsync<EducationRecord>(openSchool.Id));
        Assert.True(await ExistsAsync<WorkExperience>(laterCareer.Id), "RET-9: an assignment ending next year is activity until then");
        Assert.NotNull(await EmailAsync(openEnded.Id));
        Assert.NotNull(await EmailAsync(endsLater.Id));
    }

    [Fact]
    public async Task Should_count_a_message_from_the_person_as_activity_RET9()
    {
        await App.ImportPackAsync("asap");
        var writer = Person("Writer", EmploymentStatus.Candidate, lastLogin: new DateOnly(2021, 1, 10));
        writer.ContactMessages.Add(new ContactMessage
        {
            CandidateId = writer.Id, Subject = "Still looking", Body = "b", CollectedOn = new DateOnly(2026, 1, 15),
            ReceivedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), ClosedOn = new DateOnly(2026, 2, 1),
        });
        var school = School(writer, new DateOnly(2021, 1, 10));
        writer.Education.Add(school);
        var silent = Person("Silent", EmploymentStatus.Candidate, lastLogin: new DateOnly(2021, 1, 10));
        var silentSchool = School(silent, new DateOnly(2021, 1, 10));
        silent.Education.Add(silentSchool);
        await SaveAsync(writer, silent);

        await SweepAsync();

        Assert.True(await ExistsAsync<EducationRecord>(school.Id), "RET-9: the message of January 2026 is the last activity");
        Assert.NotNull(await EmailAsync(writer.Id));
        // The same person without the message: career ended 2023-01-10, so the data go (the guard is not blanket).
        Assert.False(await ExistsAsync<EducationRecord>(silentSchool.Id));
        Assert.Null(await EmailAsync(silent.Id));
    }

    [Fact]
    public async Task Should_keep_what_a_running_contract_needs_even_after_a_stated_career_end_ER2()
    {
        await App.ImportPackAsync("asap");
        // The person said in January 2024 that they stop, but an assignment without an end date still runs.
        var worker = Person("Contract", EmploymentStatus.Working);
        worker.CareerEndedOn = new DateOnly(2024, 1, 1);
        var assignment = new Assignment { CandidateId = worker.Id, ClientCompany = "Acme", JobTitle = "Operator", StartDate = new DateOnly(2023, 1, 2), CollectedOn = new DateOnly(2023, 1, 2) };
        worker.Assignments.Add(assignment);
        var cv = new CandidateDocument { CandidateId = worker.Id, Kind = DocumentKind.Cv, FileName = "cv.pdf", Content = [1], CollectedOn = new DateOnly(2023, 1, 1) };
        worker.Documents.Add(cv);
        var career = Career(worker, new DateOnly(2023, 1, 1));
        worker.WorkExperience.Add(career);
        await SaveAsync(worker);

        await SweepAsync();

        Assert.NotNull(await EmailAsync(worker.Id));
        Assert.True(await ExistsAsync<CandidateDocument>(cv.Id), "ER-2: the documents the contract rests on stay");
        Assert.True(await ExistsAsync<Assignment>(assignment.Id));
        // Not needed for the contract, and the stated career end has passed: erased.
        Assert.False(await ExistsAsync<WorkExperience>(career.Id));
    }

    [Fact]
    public async Task Should_skip_and_report_data_restricted_under_article_18_RS1_RS2()
    {
        await App.ImportPackAsync("asap");
        var requestId = Ids.New();
        // Career ended long ago (last login 2020): everything is past its retention date.
        var claimant = Person("Claimant", EmploymentStatus.Candidate, lastLogin: new DateOnly(2020, 1, 1));
        claimant.Restricted = true;
        claimant.RestrictionNote = "Art. 18 GDPR, request R-TEST";
        claimant.RestrictedByRequestId = requestId;
        var needed = School(claimant, new DateOnly(2019, 5, 1));
        needed.Restricted = true;
        needed.RestrictedByRequestId = requestId; // 18(1)(c): the person needs it for a legal claim
        var free = School(claimant, new DateOnly(2019, 5, 1));
        var remainder = School(claimant, new DateOnly(2019, 5, 1));
        remainder.Restricted = true; // an erasure remainder (ER-7), not an Art. 18 restriction: it goes on its date
        claimant.Education.AddRange([needed, free, remainder]);
        var letter = new ContactMessage
        {
            CandidateId = claimant.Id, Subject = "Claim", Body = "b", CollectedOn = new DateOnly(2023, 1, 5),
            ReceivedAt = new DateTimeOffset(2019, 1, 5, 9, 0, 0, TimeSpan.Zero), ClosedOn = new DateOnly(2023, 2, 1),
            Restricted = true, RestrictedByRequestId = requestId,
        };
        claimant.ContactMessages.Add(letter);
        await SaveAsync(claimant);

        var report = await SweepAsync();

        Assert.True(await ExistsAsync<EducationRecord>(needed.Id), "RS-2: restricted data may only be stored");
        Assert.True(await ExistsAsync<ContactMessage>(letter.Id), "RS-2, grouped path");
        Assert.Equal("claimant@example.be", await EmailAsync(claimant.Id));
        Assert.False(await ExistsAsync<EducationRecord>(free.Id));
        Assert.False(await ExistsAsync<EducationRecord>(remainder.Id));
        Assert.Equal(3, report.SkippedRestricted);
        var summary = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Type == "retention.sweep").Select(e => e.Summary).SingleAsync());
        Assert.Contains("3 restricted under Art. 18 kept (RS-2)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_not_keep_a_profile_for_a_consent_purpose_the_person_never_consented_to_RET6_RET7()
    {
        await App.ImportPackAsync("asap");
        // Inactive since 2020: the career rules have expired. Only the newsletter (consent, kept until withdrawal) differs.
        var never = Person("Never", EmploymentStatus.Candidate, lastLogin: new DateOnly(2020, 1, 1));
        var subscriber = Person("Subscriber", EmploymentStatus.Candidate, lastLogin: new DateOnly(2020, 1, 1));
        subscriber.Consents.Add(new Consent
        {
            CandidateId = subscriber.Id, PurposeCode = "newsletter", Method = "web form", DoubleOptIn = true,
            GivenAt = new DateTimeOffset(2019, 3, 1, 10, 0, 0, TimeSpan.Zero), CollectedOn = new DateOnly(2019, 3, 1),
        });
        await SaveAsync(never, subscriber);

        await SweepAsync();

        Assert.Null(await EmailAsync(never.Id));
        Assert.Equal("subscriber@example.be", await EmailAsync(subscriber.Id)); // the consent still runs
    }

    [Fact]
    public async Task Should_list_consent_purposes_in_the_access_plan_only_for_a_person_who_consented_ACC4()
    {
        await App.ImportPackAsync("asap");
        var consentPurposes = new[] { "newsletter", "website-personalisation", "photo" };
        var none = await App.AddCandidateAsync(c =>
        {
            c.ExternalReference = "ACC4-none";
            c.Consents.Clear();
        }, seed: 11);
        var some = await App.AddCandidateAsync(c =>
        {
            c.ExternalReference = "ACC4-some";
            c.Consents.Clear();
            c.Consents.Add(new Consent
            {
                CandidateId = c.Id, PurposeCode = "newsletter", Method = "web form", DoubleOptIn = true,
                GivenAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), CollectedOn = new DateOnly(2025, 3, 1),
            });
        }, seed: 12);

        var plainPlan = await PlanAsync(none);
        var consentedPlan = await PlanAsync(some);

        Assert.DoesNotContain(plainPlan.Lines, l => consentPurposes.Contains(l.PurposeCode));
        Assert.Contains(plainPlan.Lines, l => l.PurposeCode == "application" && l.RecordSet == RecordSet.CandidateProfile);
        Assert.Contains(consentedPlan.Lines, l => l.PurposeCode == "newsletter" && l.RecordSet == RecordSet.CandidateProfile);
        Assert.DoesNotContain(consentedPlan.Lines, l => l.PurposeCode == "website-personalisation");
    }

    private async Task<PrivacyDesk.Domain.Plans.RequestPlan> PlanAsync(Candidate candidate)
    {
        var request = await App.AddRequestAsync(candidate, RequestType.Access);
        var result = await App.SendAsync(new GetRequestPlan.Query { RequestId = request.Id }, Roles.Dpo);
        return Assert.Single(result.SubRequests).Plan;
    }
}
