using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Packages;
using PrivacyDesk.Web.Features.Portal;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>Pure logic of the portal (no database): upload sniffing, input rules, phone matching, CSV, the rate-limit policy.</summary>
public sealed class PortalLogicTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData("scan.pdf", "pdf", "application/pdf")]
    [InlineData("Kaart voorzijde.JPG", "jpeg", "image/jpeg")]
    [InlineData("foto.jpeg", "jpeg", "image/jpeg")]
    [InlineData("J. Peeters id.png", "png", "image/png")]
    public void Should_accept_pdf_jpeg_and_png_whose_bytes_match_the_name_ID6(string name, string kind, string type)
    {
        var bytes = kind switch { "pdf" => Pdf, "jpeg" => Jpeg, _ => Png };
        var result = UploadedFileCheck.Check(name, 1000, bytes);
        Assert.True(result.Ok, result.Problem.ToString());
        Assert.Equal(type, result.ContentType);
        Assert.Equal(name, result.SafeFileName);
    }

    [Theory]
    [InlineData("id.png", "pdf", UploadedFileCheck.Problem.ContentDoesNotMatchName)]
    [InlineData("id.pdf", "exe", UploadedFileCheck.Problem.ContentDoesNotMatchName)]
    [InlineData("id.exe", "exe", UploadedFileCheck.Problem.NotAllowedType)]
    [InlineData("id.html", "pdf", UploadedFileCheck.Problem.NotAllowedType)]
    [InlineData("id", "pdf", UploadedFileCheck.Problem.NotAllowedType)]
    [InlineData("id.php.pdf", "pdf", UploadedFileCheck.Problem.DoubleExtension)]
    [InlineData("invoice.exe.png", "png", UploadedFileCheck.Problem.DoubleExtension)]
    [InlineData("../id.pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("..\\..\\id.pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("C:id.pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData(".pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("id\u0000.pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("id\r\n.pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("", "pdf", UploadedFileCheck.Problem.BadName)]
    [InlineData("=HYPERLINK(1).png", "png", UploadedFileCheck.Problem.BadName)] // shown and exported to staff: no spreadsheet formula (docs/security.md)
    [InlineData("@SUM(1).pdf", "pdf", UploadedFileCheck.Problem.BadName)]
    public void Should_refuse_disguised_files_double_extensions_and_path_tricks(string name, string kind, UploadedFileCheck.Problem problem)
    {
        var bytes = kind switch { "pdf" => Pdf, "png" => Png, _ => Encoding.ASCII.GetBytes("MZ\u0090\u0000") };
        Assert.Equal(problem, UploadedFileCheck.Check(name, 1000, bytes).Problem);
    }

    [Fact]
    public void Should_refuse_empty_and_oversized_files()
    {
        Assert.Equal(UploadedFileCheck.Problem.Empty, UploadedFileCheck.Check("a.pdf", 0, []).Problem);
        Assert.Equal(UploadedFileCheck.Problem.TooLarge, UploadedFileCheck.Check("a.pdf", UploadedFileCheck.MaxBytes + 1, Pdf).Problem);
        Assert.True(UploadedFileCheck.Check("a.pdf", UploadedFileCheck.MaxBytes, Pdf).Ok);
    }

    [Theory]
    [InlineData("An", true)]
    [InlineData("Marie-Thérèse", true)]
    [InlineData("D'Hondt", true)]
    [InlineData("Van den Broeck", true)]
    [InlineData("Ørsted Ğül", true)]
    [InlineData("J.", true)]
    [InlineData("<script>", false)]
    [InlineData("Robert'); DROP TABLE", false)]
    [InlineData("An2", false)]
    [InlineData(" ", false)]
    [InlineData("-An", false)]
    public void Should_accept_real_names_and_refuse_markup(string name, bool ok) => Assert.Equal(ok, PortalInput.IsName(name));

    [Theory]
    [InlineData("an.peeters@example.be", true)]
    [InlineData("an+privacy@sub.example.co.uk", true)]
    [InlineData("an@localhost", false)]
    [InlineData("an@@example.be", false)]
    [InlineData("an peeters@example.be", false)]
    [InlineData("<an>@example.be", false)]
    [InlineData("an@example.be\r\nBcc: x@y.z", false)]
    public void Should_check_email_addresses(string email, bool ok) => Assert.Equal(ok, PortalInput.IsEmail(email));

    [Theory]
    [InlineData("2001-02-03", 2001, 2, 3)]
    [InlineData("3/2/2001", 2001, 2, 3)]
    [InlineData("03-02-2001", 2001, 2, 3)]
    [InlineData("03.02.2001", 2001, 2, 3)]
    public void Should_read_iso_and_belgian_date_formats(string text, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), PortalInput.ParseDate(text));

    [Theory]
    [InlineData("2001-02-30")]
    [InlineData("02/30/2001")]
    [InlineData("tomorrow")]
    public void Should_refuse_impossible_dates(string text) => Assert.Null(PortalInput.ParseDate(text));

    [Fact]
    public void Should_find_a_birth_date_plausible_only_between_13_and_120_years_ago()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.True(PortalInput.IsPlausibleBirthDate(new DateOnly(2013, 11, 23), today));
        Assert.False(PortalInput.IsPlausibleBirthDate(new DateOnly(2013, 11, 24), today));
        Assert.False(PortalInput.IsPlausibleBirthDate(new DateOnly(1906, 11, 22), today));
        Assert.False(PortalInput.IsPlausibleBirthDate(today.AddDays(1), today));
    }

    [Theory]
    [InlineData("0470 12 34 56", "+32470123456")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("0032 (0)470/12.34.56", "+32470123456")]
    [InlineData("+31 6 1234 5678", "+31612345678")]
    [InlineData("123", null)]
    public void Should_normalise_phone_numbers_to_E164_for_matching_suppression_and_storage(string phone, string? expected) =>
        Assert.Equal(expected, PhoneNumber.ToE164(phone));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("@SUM(A1)", "@SUM(A1)")]
    [InlineData("+32 470 12 34 56", "+32 470 12 34 56")]
    public void Should_quote_portability_csv_and_carry_values_as_they_are(string value, string expected) =>
        Assert.Equal(expected, PortabilityArchive.Csv(value));

    [Fact]
    public void Should_limit_the_form_post_and_every_secret_link_page_per_ip_and_nothing_else()
    {
        var options = new PortalRateLimitOptions { Enabled = true, PermitsPerMinute = 2 };
        using var limiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => PortalRateLimiting.Partition(ctx, options));
        var form = new RateLimitedAttribute(RateLimitBucket.Portal) { PostOnly = true };
        var secretPage = new RateLimitedAttribute(RateLimitBucket.Portal);

        var leases = Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire(Request("POST", form, "10.0.0.1"))).ToList();
        Assert.Equal([true, true, false], leases.Select(l => l.IsAcquired));
        Assert.True(limiter.AttemptAcquire(Request("POST", form, "10.0.0.2")).IsAcquired); // another client
        Assert.True(Enumerable.Range(0, 5).All(_ => limiter.AttemptAcquire(Request("GET", form, "10.0.0.1")).IsAcquired)); // reading the form
        Assert.True(Enumerable.Range(0, 5).All(_ => limiter.AttemptAcquire(Request("GET", null, "10.0.0.1")).IsAcquired)); // an unmarked page
        Assert.False(Enumerable.Range(0, 3).All(_ => limiter.AttemptAcquire(Request("GET", secretPage, "10.0.0.9")).IsAcquired));

        options.Enabled = false;
        using var off = PartitionedRateLimiter.Create<HttpContext, string>(ctx => PortalRateLimiting.Partition(ctx, options));
        Assert.True(Enumerable.Range(0, 10).All(_ => off.AttemptAcquire(Request("POST", form, "10.0.0.1")).IsAcquired));
    }

    private static DefaultHttpContext Request(string method, RateLimitedAttribute? limit, string ip)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = method;
        ctx.SetEndpoint(new Endpoint(null, limit is null ? EndpointMetadataCollection.Empty : new EndpointMetadataCollection(limit), "page"));
        ctx.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return ctx;
    }
}

/// <summary>The rate limiter switched on in a running app (the shared fixture switches it off): a friendly 429 page.</summary>
public sealed class PortalRateLimitTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_answer_too_many_status_page_calls_with_a_friendly_429()
    {
        using var factory = App.Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PermitsPerMinute"] = "3",
        })));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.GetAsync("/Requests/Status?r=PD-2026-000001&t=x")).StatusCode);
        var limited = await client.GetAsync("/Requests/Status?r=PD-2026-000001&t=x");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Te veel verzoeken", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // other pages are not limited
    }
}
