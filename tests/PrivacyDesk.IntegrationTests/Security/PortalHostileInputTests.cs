using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Security;

/// <summary>
/// Hostile input (docs/security.md) on the public portal: the whole <see cref="HostileCorpus"/> into every field of every public
/// form (New for each right, Verify, Status answer/upload/withdraw/resend, Find, Download). Each post:
/// never a 500; refused with a clear error (field error, error summary, or the friendly 400/404 page) and
/// nothing stored; or, where the value is legitimate text (free text with a quote), stored verbatim.
/// </summary>
public sealed class PortalHostileInputTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly HtmlParser Parser = new();

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    /// <summary>A form field, whether it only takes a closed set or a pattern (structured) or free text.</summary>
    private sealed record Field(string Name, bool Structured);

    private static readonly Field[] CommonFields =
    [
        new("Data.FirstName", true), new("Data.LastName", true), new("Data.Email", true), new("Data.Phone", true),
        new("Data.DateOfBirth", true), new("Data.Language", true), new("Data.Types", true), new("Data.SubmissionKey", true),
        new("Data.ContactConsent", true), new("Data.Description", false),
    ];

    /// <summary>Each right: the valid extra answers, and the fields only that right's part of the form has.</summary>
    private static readonly Dictionary<string, (string[] Valid, Field[] Fields)> Rights = new()
    {
        ["Access"] = ([], []),
        ["Rectification"] = (["Data.Corrections[0].Field=LastName", "Data.Corrections[0].CurrentValue=Peters", "Data.Corrections[0].NewValue=Peeters"],
            [new("Data.Corrections[0].Field", true), new("Data.Corrections[0].CurrentValue", false), new("Data.Corrections[0].NewValue", false),
             new("Data.RectificationExplanation", false), new("Data.RestrictWhileChecking", true)]),
        ["Erasure"] = (["Data.ErasureExplanation=Ik zoek geen werk meer."], [new("Data.ErasureExplanation", false), new("Data.ErasureRestrictFallback", true)]),
        ["Restriction"] = (["Data.RestrictionGround=AccuracyContested"], [new("Data.RestrictionGround", true), new("Data.RestrictionExplanation", false)]),
        ["Portability"] = (["Data.PortabilityFormat=json"], [new("Data.PortabilityFormat", true), new("Data.PortabilityOtherController", false)]),
        ["Objection"] = (["Data.ObjectionPurposes=satisfaction-survey", "Data.ObjectionGrounds=Geen enquêtes meer."],
            [new("Data.ObjectionPurposes", true), new("Data.ObjectionGrounds", false), new("Data.ObjectionMarketing", true)]),
        ["ConsentWithdrawal"] = (["Data.ConsentPurposes=newsletter"], [new("Data.ConsentPurposes", true), new("Data.ConsentAll", true)]),
    };

    public static TheoryData<string> EachRight => new(Rights.Keys);

    [Theory]
    [MemberData(nameof(EachRight))]
    public async Task Should_refuse_or_store_verbatim_every_hostile_value_in_every_field_of_the_request_form(string right)
    {
        using var session = new HtmlSession(App);
        var (_, form) = await session.GetAsync("/Requests/New");
        var (valid, specific) = Rights[right];
        var baseline = Valid(right).ToList();
        foreach (var pair in valid)
            baseline = baseline.With(pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        // The common fields once (with Access); every right's own fields, its first name and its description otherwise.
        var fields = right == "Access" ? CommonFields : [.. specific, CommonFields[0], CommonFields[^1]];
        var failures = new List<string>();
        var posts = 0;

        foreach (var field in fields)
        {
            foreach (var hostile in HostileCorpus.Strings)
            {
                posts++;
                var values = baseline.With(field.Name, hostile.Value).With("Data.SubmissionKey", field.Name == "Data.SubmissionKey" ? hostile.Value : Guid.NewGuid().ToString());
                var before = await CountsAsync();
                var (response, page) = await PostFormAsync(session, form, values);
                var after = await CountsAsync();
                var expectRefusal = field.Structured || hostile.RefusedEverywhere;
                var what = $"{right}/{field.Name}/{hostile.Name}";
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{what}: {(int)response.StatusCode}");
                }
                else if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    if (expectRefusal)
                        failures.Add($"{what}: accepted, expected a refusal");
                    else if (after.Requests != before.Requests + 1 || !(await StoredTextAsync()).Contains(hostile.Value.Trim(), StringComparison.Ordinal))
                        failures.Add($"{what}: accepted but not stored verbatim");
                }
                else
                {
                    if (!expectRefusal)
                        failures.Add($"{what}: refused ({(int)response.StatusCode}), but it is legitimate text");
                    if (!IsClearRefusal(response, page))
                        failures.Add($"{what}: {(int)response.StatusCode} without a clear error");
                    if (after != before)
                        failures.Add($"{what}: something was stored ({before} → {after})");
                    if (page.Body?.InnerHtml.Contains("<script>alert", StringComparison.Ordinal) == true || page.Body?.InnerHtml.Contains("<img src=x", StringComparison.Ordinal) == true)
                        failures.Add($"{what}: echoed without encoding");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} posts failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public async Task Should_refuse_invalid_utf8_and_nul_bytes_in_form_bodies_with_400_and_never_store_mojibake()
    {
        using var session = new HtmlSession(App);
        var (_, form) = await session.GetAsync("/Requests/New");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var failures = new List<string>();

        foreach (var field in new[] { "Data.FirstName", "Data.Description", "Data.Email" })
        {
            foreach (var (name, bytes) in HostileCorpus.InvalidUtf8.Append(("raw-nul", [0x00])))
            {
                foreach (var raw in new[] { true, false })
                {
                    // The raw bytes in the body (a hostile client), and percent-encoded (as a browser sends them).
                    var text = string.Join('&', Valid("Access").With(field, "MARKER").Select(p => Uri.EscapeDataString(p.Key) + "=" + (p.Value == "MARKER" ? "MARKER" : Uri.EscapeDataString(p.Value))))
                        + "&Data.SubmissionKey=" + Guid.NewGuid() + "&__RequestVerificationToken=" + Uri.EscapeDataString(token);
                    var encoded = HostileCorpus.PercentEncoded(bytes);
                    var body = raw ? HostileCorpus.WithInvalidBytes(text, "MARKER", bytes) : Encoding.ASCII.GetBytes(text.Replace("MARKER", encoded, StringComparison.Ordinal));
                    var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
                    var before = await CountsAsync();
                    var response = await session.Client.PostAsync("/Requests/New", content);
                    var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
                    var what = $"{field}/{name}/{(raw ? "raw" : "percent")}";
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{what}: {(int)response.StatusCode}");
                    }
                    else if (raw || bytes.Contains((byte)0))
                    {
                        // Undecodable bytes (U+FFFD after decoding) and NUL: the friendly 400 page, whatever the field.
                        if (response.StatusCode != HttpStatusCode.BadRequest || !IsClearRefusal(response, page))
                            failures.Add($"{what}: {(int)response.StatusCode}, expected the friendly 400 page");
                    }
                    else if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        // The framework keeps an undecodable %-sequence as the literal text "%C3%28": harmless text, stored as such, never mojibake.
                        var stored = await StoredTextAsync();
                        if (field != "Data.Description" || !stored.Contains(encoded[..3], StringComparison.Ordinal) || stored.Contains('\uFFFD', StringComparison.Ordinal))
                            failures.Add($"{what}: stored, but not as the literal text {encoded}");
                    }
                    else if (!IsClearRefusal(response, page) || await CountsAsync() != before)
                    {
                        failures.Add($"{what}: {(int)response.StatusCode} without a clear error, or something stored");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync(r => r.Description != null && r.Description.Contains("\uFFFD"))));
    }

    [Fact]
    public async Task Should_show_the_friendly_400_page_for_a_nul_character_in_a_form_value_in_the_visitors_language()
    {
        using var session = new HtmlSession(App);
        await session.GetAsync("/Language?c=fr&r=/");

        var (response, page, _) = await SubmitNewAsync(session, Valid("Access").With("Data.FirstName", "An\0na"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("caractères", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Should_answer_every_hostile_find_with_a_field_error_and_send_nothing()
    {
        using var session = new HtmlSession(App);
        var (_, form) = await session.GetAsync("/Requests/Find");
        var failures = new List<string>();
        foreach (var field in new[] { "Data.Reference", "Data.Email" })
        {
            foreach (var hostile in HostileCorpus.Strings)
            {
                var values = new List<KeyValuePair<string, string>> { new("Data.Reference", "PD-2026-000001"), new("Data.Email", "an.peeters@example.be") }.With(field, hostile.Value);
                var (response, page) = await PostFormAsync(session, form, values);
                if (!IsClearRefusal(response, page))
                    failures.Add($"{field}/{hostile.Name}: {(int)response.StatusCode} without a clear error");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Should_treat_hostile_references_and_tokens_on_the_secret_link_pages_as_unknown_links()
    {
        using var session = new HtmlSession(App);
        var (created, _, _) = await SubmitNewAsync(session, Valid("Access"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var status = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status");
        var reference = Query(status, "r");
        var (_, statusPage) = await session.GetAsync(status);
        var before = await SnapshotAsync();
        var failures = new List<string>();

        foreach (var hostile in HostileCorpus.Strings)
        {
            var h = Uri.EscapeDataString(hostile.Value);
            foreach (var url in new[]
                     {
                         $"/Requests/Status?r={h}&t={h}", $"/Requests/Status?r={reference}&t={h}", $"/Requests/Status?reference={h}&token={h}",
                         $"/Requests/Verify?r={h}&t={h}", $"/Requests/Verify?r={reference}&t={h}",
                         $"/Requests/Download?t={h}", $"/Requests/Download?handler=File&t={h}",
                     })
            {
                var (response, page) = await session.GetAsync(url);
                Check($"GET {url[..Math.Min(url.Length, 60)]}", response, page);
            }
            foreach (var (path, handler) in new[] { ("Status", "Answer"), ("Status", "Withdraw"), ("Status", "Resend"), ("Verify", "Confirm"), ("Verify", "Resend") })
            {
                foreach (var (r, t) in new[] { (hostile.Value, hostile.Value), (reference, hostile.Value) })
                {
                    var (response, result) = await session.SubmitAsync(statusPage,
                        new Dictionary<string, string> { ["r"] = r, ["t"] = t, ["Data.Message"] = "Zie bijlage", ["Data.ConfirmWithdraw"] = "true" },
                        "form[method=post]", $"/Requests/{path}?handler={handler}");
                    Check($"POST {path}/{handler} r={(r == reference ? "real" : hostile.Name)} t={hostile.Name}", response, result);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await SnapshotAsync());

        void Check(string what, HttpResponseMessage response, IHtmlDocument page)
        {
            if ((int)response.StatusCode >= 500)
                failures.Add($"{what}/{(int)response.StatusCode}");
            else if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest) || page.QuerySelector("h1") is null)
                failures.Add($"{what}: {(int)response.StatusCode}, expected the unknown-link page");
        }
    }

    [Fact]
    public async Task Should_redirect_the_language_switch_to_a_local_ascii_path_whatever_the_return_url()
    {
        using var session = new HtmlSession(App);
        var failures = new List<string>();
        var targets = HostileCorpus.Strings.Where(h => h.Kind != HostileKind.Oversized).Select(h => "/" + h.Value)
            .Concat(["/¿'\"(", "/Requests/New?x=é", "//evil.example", "/\\evil.example", "https://evil.example/", "/a\r\nSet-Cookie: x=1", "/%0d%0aSet-Cookie:x=1"]);

        foreach (var target in targets)
        {
            var (response, page) = await session.GetAsync("/Language?c=fr&r=" + Uri.EscapeDataString(target));
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.BadRequest) || (response.StatusCode == HttpStatusCode.BadRequest && !IsClearRefusal(response, page)))
                failures.Add($"{target}: {(int)response.StatusCode}");
            else if (response.StatusCode == HttpStatusCode.Redirect && (!location.StartsWith('/') || location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal) || location.Any(ch => ch is <= ' ' or >= (char)127)))
                failures.Add($"{target}: redirected to {location}");
            else if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("x=", StringComparison.Ordinal)))
                failures.Add($"{target}: a header was injected");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Should_refuse_hostile_answers_and_upload_names_on_the_status_page_and_store_nothing()
    {
        using var session = new HtmlSession(App);
        await SubmitNewAsync(session, Valid("Access"));
        var status = await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status");
        var id = await App.WithDbAsync(db => db.Requests.Select(r => r.Id).SingleAsync());
        await AskAsync(id);
        var failures = new List<string>();

        foreach (var hostile in HostileCorpus.Strings)
        {
            var (_, page) = await session.GetAsync(status);
            var before = await MessagesAsync(id);
            var (response, result) = await PostMultipartAsync(session, page, "form[action*='handler=Answer']", [new("Data.Message", hostile.Value)], null);
            var after = await MessagesAsync(id);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"answer/{hostile.Name}: {(int)response.StatusCode}");
            }
            else if (hostile.RefusedEverywhere)
            {
                if (!IsClearRefusal(response, result) || after != before)
                    failures.Add($"answer/{hostile.Name}: not refused clearly ({(int)response.StatusCode}, {before} → {after} messages)");
            }
            else
            {
                var stored = await App.WithDbAsync(db => db.RequestMessages.AnyAsync(m => m.RequestId == id && m.FromDataSubject && m.Body == hostile.Value));
                if (after != before + 1 || !stored)
                    failures.Add($"answer/{hostile.Name}: legitimate text not stored verbatim");
                await AskAsync(id); // the answer ended the wait: ask again for the next value
            }
        }

        foreach (var name in HostileCorpus.UploadNames)
        {
            var (_, page) = await session.GetAsync(status);
            var (response, result) = await PostRawMultipartAsync(session, page, name, Png);
            var shown = name.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\r\n", "\\r\\n", StringComparison.Ordinal);
            if (await App.WithDbAsync(db => db.Attachments.CountAsync()) > 0)
            {
                failures.Add($"upload/{shown}: stored as {await App.WithDbAsync(db => db.Attachments.Select(a => a.FileName).FirstAsync())}");
                await App.WithDbAsync(db => db.Attachments.ExecuteDeleteAsync());
                await AskAsync(id);
            }
            else if (response.StatusCode == HttpStatusCode.OK ? FieldError(result, "Data_File") is null : !IsClearRefusal(response, result))
            {
                failures.Add($"upload/{shown}: {(int)response.StatusCode} without a clear error");
            }
        }

        var (_, withdrawPage) = await session.GetAsync(status);
        foreach (var hostile in HostileCorpus.Strings)
        {
            var (response, result) = await PostFormAsync(session, withdrawPage, [new("Data.ConfirmWithdraw", hostile.Value)], "form[action*='handler=Withdraw']");
            if (!IsClearRefusal(response, result))
                failures.Add($"withdraw/{hostile.Name}: {(int)response.StatusCode} without a clear error");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(0, await App.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(RequestStatus.AwaitingDataSubject, await App.WithDbAsync(db => db.Requests.Select(r => r.Status).SingleAsync()));
    }

    /// <summary>
    /// The answer form with a file whose name is written byte for byte into the part header (HttpClient's own
    /// multipart content refuses names with control characters or leading spaces; a hostile client does not).
    /// </summary>
    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostRawMultipartAsync(HtmlSession session, IHtmlDocument page, string fileName, byte[] content)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=Answer']")
            ?? throw new InvalidOperationException("No answer form: " + page.QuerySelector("main")?.TextContent);
        var boundary = "----hostile" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();
        void Text(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)).Select(i => (i.Name!, i.Value)).Append(("Data.Message", "Zie bijlage"));
        foreach (var (name, value) in values)
            Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"Data.File\"; filename=\"{fileName}\"\r\nContent-Type: image/png\r\n\r\n");
        body.Write(content);
        Text($"\r\n--{boundary}--\r\n");
        var http = new ByteArrayContent(body.ToArray());
        http.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
        var response = await session.Client.PostAsync(System.Net.WebUtility.HtmlDecode(form.GetAttribute("action")!), http);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A refusal a person understands: the form again with its error summary, or the friendly status page (400/404).</summary>
    private static bool IsClearRefusal(HttpResponseMessage response, IHtmlDocument page) => response.StatusCode switch
    {
        HttpStatusCode.OK => page.QuerySelector(".error-summary li") is not null,
        HttpStatusCode.BadRequest or HttpStatusCode.NotFound => page.QuerySelector("main h1") is not null && page.QuerySelector("main h1")!.TextContent.Trim().Length > 0,
        _ => false,
    };

    private Task<(int Requests, int Mails)> CountsAsync() =>
        App.WithDbAsync(async db => (await db.Requests.CountAsync(), await db.Outbox.CountAsync()));

    private Task<int> MessagesAsync(Guid id) => App.WithDbAsync(db => db.RequestMessages.CountAsync(m => m.RequestId == id));

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
        string.Join("|", await db.Requests.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Status + "/" + r.IdentityStatus + "/" + r.VerificationTokenHash + "/" + r.StatusTokenHash).ToListAsync())
        + "|" + await db.Outbox.CountAsync() + "|" + await db.RequestMessages.CountAsync() + "|" + await db.Attachments.CountAsync());

    /// <summary>Every text of the newest request: requester, description and the string values of each sub-request's details.</summary>
    private Task<string> StoredTextAsync() => App.WithDbAsync(async db =>
    {
        var request = await db.Requests.AsNoTracking().OrderByDescending(r => r.Reference).FirstAsync();
        var texts = new List<string?> { request.RequesterFirstName, request.RequesterLastName, request.RequesterEmail, request.Description };
        foreach (var sub in request.SubRequests.Where(s => s.DetailsJson is not null))
            texts.AddRange(Strings(JsonDocument.Parse(sub.DetailsJson!).RootElement));
        return string.Join("\n", texts.Where(t => t is not null));
    });

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private Task AskAsync(Guid id) => App.WithDbAsync(async db =>
    {
        var request = await db.Requests.Include(r => r.WaitingPeriods).FirstAsync(r => r.Id == id);
        var now = App.Clock.GetUtcNow();
        request.AskDataSubject(WaitingReason.Identity, "Please send proof.", necessary: true, Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
        await db.SaveChangesAsync();
        return 0;
    });
}
