using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Infrastructure.Mediation;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>The portal's deliverables: the Art. 15 report (ACC-4, ACC-6), the Art. 20 ZIP (PO-2, PO-3) and the counted, time-limited download.</summary>
public sealed class PackageTests(AppFixture app) : IntegrationTest(app)
{
    private Candidate _candidate = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
        _candidate = await App.AddCandidateAsync(c =>
        {
            c.NationalNumberEncrypted = "ENCRYPTED-85.07.30-033.28";
            c.Documents.Add(new CandidateDocument { Kind = DocumentKind.Cv, FileName = "cv an.pdf", ContentType = "application/pdf", Content = Encoding.ASCII.GetBytes("%PDF-1.4 cv"), CollectedOn = c.RegisteredOn });
            c.ProfessionalEmails.Add(new ProfessionalEmail { SentAt = c.CreatedAt, FromAddress = "x@asap.example", ToAddress = "y@client.example", Subject = "S", Body = "SECRET third-party body", ClientCompany = "Reviewed NV", RedactedExtract = "Profiel van [kandidaat] voorgesteld.", CollectedOn = c.RegisteredOn });
        });
    }

    private async Task<DataSubjectRequest> ApprovedAsync(params RequestType[] types)
    {
        var request = await App.AddRequestAsync(_candidate, types);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.FirstAsync(x => x.Id == request.Id);
            r.Decide(DecisionOutcome.Approved, null, App.Clock.GetUtcNow(), "dpo@test");
            await db.SaveChangesAsync();
            return 0;
        });
        return await App.WithDbAsync(db => db.Requests.AsNoTracking().FirstAsync(r => r.Id == request.Id));
    }

    private Task<BuildPackage.Result> BuildAsync(DataSubjectRequest request, RequestType type) =>
        App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = request.SubRequests.Single(s => s.Type == type).Id }, Roles.BackOffice);

    [Fact]
    public async Task Should_build_a_readable_access_report_with_everything_article_15_asks_ACC4()
    {
        var request = await ApprovedAsync(RequestType.Access);

        var result = await BuildAsync(request, RequestType.Access);

        var package = await App.WithDbAsync(db => db.Packages.AsNoTracking().SingleAsync());
        Assert.Equal((PackageKind.AccessReport, "text/html; charset=utf-8"), (package.Kind, package.ContentType));
        Assert.Equal(new DateOnly(2026, 11, 23), package.SnapshotOn); // ACC-2
        Assert.Equal(App.Clock.Now.AddDays(14), package.ExpiresAt);
        Assert.Equal(64, package.DownloadTokenHash.Length); // a SHA-256 hex hash, never the token
        var html = Encoding.UTF8.GetString(package.Content);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var text = doc.Body!.TextContent;
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang")); // the request's language
        Assert.Contains("Yes. Below you find which data", text, StringComparison.Ordinal); // confirmation
        foreach (var disclosure in _candidate.ClientDisclosures)
            Assert.Contains(disclosure.ClientCompany, text, StringComparison.Ordinal); // actual client companies (C-154/21)
        Assert.Contains("Our legitimate interests (Art. 6(1)(f) GDPR)", text, StringComparison.Ordinal); // legal basis per purpose
        Assert.Contains("A legal obligation (Art. 6(1)(c) GDPR)", text, StringComparison.Ordinal);
        Assert.Contains("We take no decisions about you based solely on automated processing", text, StringComparison.Ordinal);
        Assert.Contains("Drukpersstraat 35", text, StringComparison.Ordinal); // complaint (GBA/APD)
        Assert.Contains(_candidate.LastName, text, StringComparison.Ordinal); // the copy of the data
        Assert.Contains("Payroll records", text, StringComparison.Ordinal); // held for a legal obligation, still given (ACC-8)
        Assert.Contains("Profiel van [kandidaat] voorgesteld.", text, StringComparison.Ordinal); // reviewed extract (ACC-6)
        Assert.DoesNotContain("Still under review", text, StringComparison.Ordinal); // ACC-6: no promise; unreviewed e-mails hold the package back
        Assert.DoesNotContain("SECRET third-party body", text, StringComparison.Ordinal);
        Assert.DoesNotContain("85.07.30", html, StringComparison.Ordinal);
        Assert.Contains("data:application/pdf;base64,", html, StringComparison.Ordinal); // the CV as a file
        Assert.Contains("23 November 2026", text, StringComparison.Ordinal); // snapshot date, local format
        Assert.False(result.AlreadyExisted);

        var mail = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Template == "download-ready"));
        Assert.Equal(_candidate.Email, mail.ToAddress);
        Assert.Contains("/Requests/Download?t=", mail.BodyText, StringComparison.Ordinal);
        Assert.Contains(await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.Type).ToListAsync()), t => t == "package.ready");
    }

    [Fact]
    public async Task Should_build_a_portability_zip_with_json_and_csv_of_portable_data_only_PO2_PO3()
    {
        var request = await ApprovedAsync(RequestType.Portability);

        await BuildAsync(request, RequestType.Portability);

        var package = await App.WithDbAsync(db => db.Packages.AsNoTracking().SingleAsync());
        Assert.Equal(("application/zip", $"{request.Reference}-portability.zip"), (package.ContentType, package.FileName));
        using var zip = new ZipArchive(new MemoryStream(package.Content));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("data.json", names);
        Assert.Contains("csv/CandidateProfile.csv", names);
        Assert.Contains("csv/WorkExperience.csv", names);
        Assert.Contains("csv/Assignments.csv", names); // observed contract data (PO-2)
        Assert.Contains(names, n => n.StartsWith("documents/", StringComparison.Ordinal) && n.EndsWith("cv_an.pdf", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("Payroll", StringComparison.Ordinal) || n.Contains("InterviewNotes", StringComparison.Ordinal)
            || n.Contains("Evaluations", StringComparison.Ordinal) || n.Contains("EmergencyContacts", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(zip.GetEntry("data.json")!.Open());
        Assert.Equal("privacydesk-portability/1", json.RootElement.GetProperty("schema").GetString());
        var profile = json.RootElement.GetProperty("recordSets").GetProperty("CandidateProfile")[0];
        Assert.Equal(_candidate.Email, profile.GetProperty("email").GetString());
        Assert.Equal(_candidate.DateOfBirth!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), profile.GetProperty("dateOfBirth").GetString()); // ISO 8601
        Assert.False(profile.TryGetProperty("nationalNumberEncrypted", out _));
        using (var reader = new StreamReader(zip.GetEntry("csv/CandidateProfile.csv")!.Open(), Encoding.UTF8))
        {
            var header = await reader.ReadLineAsync();
            Assert.Equal("FirstName,LastName,Email,Phone,DateOfBirth,Language,Street,PostalCode,City,Country", header);
        }
        foreach (var entry in zip.Entries)
        {
            using var s = new StreamReader(entry.Open());
            Assert.DoesNotContain("85.07.30", await s.ReadToEndAsync(), StringComparison.Ordinal); // PO-2: never the national number
        }
    }

    [Fact]
    public async Task Should_serve_the_download_as_a_counted_attachment_until_the_link_expires()
    {
        var request = await ApprovedAsync(RequestType.Access);
        await BuildAsync(request, RequestType.Access);
        var link = await LinkFromOutboxAsync(App, "download-ready", "/Requests/Download");
        using var session = new HtmlSession(App);

        var (pageResponse, page) = await session.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        var fileLink = WebUtility.HtmlDecode(page.QuerySelector("a.button.primary")!.GetAttribute("href")!);
        var file = await session.Client.GetAsync(fileLink);
        await session.Client.GetAsync(fileLink);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/html", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{request.Reference}-access-report.html", file.Content.Headers.ContentDisposition.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(2, await App.WithDbAsync(db => db.Packages.Select(p => p.DownloadCount).SingleAsync()));

        App.Clock.Advance(TimeSpan.FromDays(15));
        var (expired, expiredPage) = await session.GetAsync(link);
        var late = await session.Client.GetAsync(fileLink);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("verlopen", expiredPage.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("attachment", late.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(2, await App.WithDbAsync(db => db.Packages.Select(p => p.DownloadCount).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/Requests/Download?t=guessed-token")).Response.StatusCode);
    }

    [Fact]
    public async Task Should_build_once_while_a_package_is_valid()
    {
        var request = await ApprovedAsync(RequestType.Access);

        var first = await BuildAsync(request, RequestType.Access);
        var second = await BuildAsync(request, RequestType.Access);

        Assert.Equal(first.PackageId, second.PackageId);
        Assert.True(second.AlreadyExisted);
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "download-ready")));
    }

    [Fact]
    public async Task Should_refuse_packages_for_anonymous_callers_unapproved_requests_and_other_rights()
    {
        var request = await App.AddRequestAsync(_candidate, RequestType.Access, RequestType.Erasure);
        var access = request.SubRequests.Single(s => s.Type == RequestType.Access).Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = access }));
        var notApproved = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(new BuildPackage.Command { RequestId = request.Id, SubRequestId = access }, Roles.Dpo));
        Assert.Equal("package.state", notApproved.Code);
        var approved = await ApprovedAsync(RequestType.Erasure);
        var erasure = await Assert.ThrowsAsync<DomainException>(() => BuildAsync(approved, RequestType.Erasure));
        Assert.Equal("package.type", erasure.Code);
        Assert.Equal(0, await App.WithDbAsync(db => db.Packages.CountAsync()));
    }
}
