using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Api;

namespace PrivacyDesk.IntegrationTests.Api;

/// <summary>HTTP tests of /api/v1 through the real pipeline: API keys made by the real command.</summary>
public abstract class ApiTest(AppFixture app) : IntegrationTest(app)
{
    protected async Task<HttpClient> ClientAsync(string role, string? name = null)
    {
        var created = await App.SendAsync(new CreateApiKey.Command { Name = name ?? role + "-" + Guid.NewGuid().ToString("N")[..6], Role = role }, Roles.Admin);
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        return client;
    }

    /// <summary>No redirects, no cookies; every answer is checked against the OpenAPI document (<see cref="ContractCheckingHandler"/>).</summary>
    protected HttpClient AnonymousClient() => ContractClient(App);

    public static HttpClient ContractClient(AppFixture app) =>
        app.Factory.CreateDefaultClient(new Uri("http://localhost"), new ContractCheckingHandler(() => OpenApiContracts.ForAsync(app)));

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static StringContent Json(object body) => Json(JsonSerializer.Serialize(body, ApiJson.Options));

    protected static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    protected static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, (int)problem["status"]!);
        return problem;
    }

    protected static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    protected static HttpRequestMessage Post(string url, HttpContent content, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (idempotencyKey is not null)
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        return message;
    }

    protected static ByteArrayContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The request of the docs/api.md example: erasure received by post a week before registration.</summary>
    protected const string PostalErasure = """
        { "types": ["Erasure"], "channel": "Post", "receivedAt": "2026-11-16T10:15:00+01:00", "language": "nl",
          "requester": { "firstName": "An", "lastName": "Peeters", "email": "an.peeters@example.be",
                         "phone": "+32470123456", "dateOfBirth": "1990-04-12" },
          "details": { } }
        """;

    /// <summary>A candidate with one record in every record set of the data map.</summary>
    protected static object FullCandidate(string externalReference = "ATS-1", string email = "an.peeters@example.be", string? nationalNumber = "90.04.12-123.77") => new
    {
        externalReference,
        firstName = "An",
        lastName = "Peeters",
        email,
        phone = "+32470123456",
        dateOfBirth = "1990-04-12",
        language = "nl",
        street = "Veldstraat 1",
        postalCode = "9000",
        city = "Gent",
        country = "BE",
        nationalNumber,
        employmentStatus = "FormerWorker",
        lastWorkingDay = "2025-06-30",
        source = "ATS",
        records = new
        {
            applications = new[] { new { vacancyTitle = "Magazijnier", vacancyReference = "V-881", appliedOn = "2025-01-10", status = "Hired" } },
            documents = new[] { new { kind = "Cv", fileName = "cv.pdf", contentType = "application/pdf", content = Convert.ToBase64String("%PDF-1.4 test"u8.ToArray()) } },
            workExperience = new[] { new { employer = "Bakkerij Janssens", jobTitle = "Verkoper", startDate = "2019-03-01", endDate = "2022-08-31" } },
            education = new[] { new { institution = "KTA Gent", degree = "Secundair onderwijs", startYear = 2004, endYear = 2008 } },
            languageSkills = new[] { new { language = "Frans", level = "B2" } },
            assignments = new[] { new { clientCompany = "Logistiek Gent NV", jobTitle = "Magazijnier", startDate = "2025-02-01", endDate = "2025-06-30", hourlyWage = 15.20m } },
            payrollRecords = new[] { new { documentType = "Payslip", year = 2025, month = 3, grossAmount = 2500.00m, netAmount = 1850.00m, bankAccount = "BE68539007547034" } },
            taxRecords = new[] { new { taxYear = 2025, form = "281.10", taxableAmount = 12000m, withholdingTax = 2400m } },
            interviewNotes = new[] { new { interviewedOn = "2025-01-15", interviewer = "Consulent Gent", note = "Gemotiveerd, ervaring met heftruck." } },
            evaluations = new[] { new { evaluatedOn = "2025-06-30", evaluator = "Consulent Gent", clientCompany = "Logistiek Gent NV", score = 8, comment = "Stipt." } },
            emergencyContacts = new[] { new { name = "Jan Peeters", relationship = "Partner", phone = "+32470999999" } },
            consents = new[] { new { purposeCode = "newsletter", givenAt = "2025-01-10T09:00:00+01:00", method = "web form", evidence = "double opt-in confirmed 2025-01-10 09:14", doubleOptIn = true } },
            contactMessages = new[] { new { receivedAt = "2025-01-05T14:00:00+01:00", subject = "Vraag over vacature", body = "Is de job nog vrij?" } },
            complaints = new[] { new { receivedOn = "2025-05-02", subject = "Loon te laat", description = "Mijn loon kwam twee dagen te laat." } },
            surveyAnswers = new[] { new { surveyName = "Tevredenheid 2025", answeredOn = "2025-07-10", score = 9 } },
            photos = new[] { new { fileName = "pasfoto.jpg", contentType = "image/jpeg", content = Convert.ToBase64String([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) } },
            professionalEmails = new[] { new { sentAt = "2025-01-20T10:00:00+01:00", fromAddress = "gent@agency.example", toAddress = "hr@logistiek-gent.example", subject = "Kandidaat magazijnier", body = "In bijlage het cv van An." } },
            clientDisclosures = new[] { new { clientCompany = "Logistiek Gent NV", disclosedOn = "2025-01-20", what = "CV", purposeCode = "client-presentation" } },
        },
    };
}
