using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Requests;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>The public request form, for every right, valid and invalid, and double posts.</summary>
public sealed class RequestFormTests(AppFixture app) : IntegrationTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    public static TheoryData<string, string[]> EachType => new()
    {
        { "Access", [] },
        { "Rectification", ["Data.Corrections[0].Field=LastName", "Data.Corrections[0].CurrentValue=Peters", "Data.Corrections[0].NewValue=Peeters"] },
        { "Erasure", ["Data.ErasureExplanation=Ik zoek geen werk meer."] },
        { "Restriction", ["Data.RestrictionGround=AccuracyContested"] },
        { "Portability", ["Data.PortabilityFormat=json", "Data.PortabilityOtherController=Jobs NV, privacy@jobs.example"] },
        { "Objection", ["Data.ObjectionPurposes=satisfaction-survey", "Data.ObjectionGrounds=Ik wil niet meer bevraagd worden.", "Data.ObjectionMarketing=true"] },
        { "ConsentWithdrawal", ["Data.ConsentPurposes=newsletter"] },
    };

    [Theory]
    [MemberData(nameof(EachType))]
    public async Task Should_create_one_request_with_the_statutory_due_date_and_queue_both_emails_DL7(string type, string[] extra)
    {
        using var session = new HtmlSession(App);
        var fields = Valid(type).ToList();
        foreach (var pair in extra)
            fields.Add(new(pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]));

        var (response, _, key) = await SubmitNewAsync(session, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/Requests/Submitted?key={key}", location);
        Assert.DoesNotContain("peeters", location, StringComparison.OrdinalIgnoreCase); // no personal data in the URL

        var requests = await App.WithDbAsync(db => db.Requests.AsNoTracking().ToListAsync());
        var request = Assert.Single(requests);
        Assert.Equal(new DateOnly(2026, 11, 23), request.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 12, 23), request.DueOn); // gdpr-rules §1.8: 2026-11-23 + 1 month
        Assert.Equal(Channel.Web, request.Channel);
        Assert.Equal(key, request.SubmissionKey);
        Assert.Equal(Enum.Parse<RequestType>(type), Assert.Single(request.SubRequests).Type);
        Assert.NotNull(request.VerificationTokenHash);
        Assert.Equal(App.Clock.Now.AddHours(48), request.VerificationExpiresAt);

        var mails = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RequestId == request.Id).ToListAsync());
        var mail = Assert.Single(mails); // one acknowledgement that carries the verification link (ID-4 step 2)
        Assert.Equal("request-acknowledgement", mail.Template);
        Assert.Equal("an.peeters@example.be", mail.ToAddress);
        Assert.Contains("23 december 2026", mail.BodyText, StringComparison.Ordinal);
        LinkIn(mail.BodyText, "/Requests/Verify");

        var (_, confirmation) = await session.FollowAsync(response);
        Assert.Equal(request.Reference, confirmation.QuerySelector(".reference")!.TextContent);
        Assert.Equal("2026-12-23", confirmation.QuerySelector("time.due-date")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Should_store_the_type_specific_answers_of_each_right()
    {
        using var session = new HtmlSession(App);
        var fields = Valid("Rectification", "Objection", "Portability", "ConsentWithdrawal")
            .Plus("Data.Corrections[0].Field", "Email").Plus("Data.Corrections[0].NewValue", "an@new.example")
            .Plus("Data.RestrictWhileChecking", "true")
            .Plus("Data.ObjectionPurposes", "satisfaction-survey").Plus("Data.ObjectionGrounds", "Geen enquêtes meer.")
            .Plus("Data.PortabilityFormat", "csv").Plus("Data.ConsentAll", "true");

        await SubmitNewAsync(session, fields);

        var subs = await App.WithDbAsync(db => db.SubRequests.AsNoTracking().ToListAsync());
        var rect = SubRequestDetails.From(subs.Single(s => s.Type == RequestType.Rectification));
        var correction = Assert.Single(rect.Corrections!);
        Assert.Equal((Domain.Processing.RecordSet.CandidateProfile, "Email", "an@new.example"), (correction.RecordSet, correction.Field, correction.NewValue));
        Assert.True(rect.RestrictMeanwhile);
        var objection = SubRequestDetails.From(subs.Single(s => s.Type == RequestType.Objection));
        Assert.Equal(["satisfaction-survey"], objection.PurposeCodes!);
        Assert.False(objection.Marketing);
        Assert.Equal("csv", SubRequestDetails.From(subs.Single(s => s.Type == RequestType.Portability)).Format);
        Assert.Null(SubRequestDetails.From(subs.Single(s => s.Type == RequestType.ConsentWithdrawal)).ConsentPurposeCodes); // null = all consents
    }

    [Fact]
    public async Task Should_add_a_restriction_sub_request_when_erasure_asks_to_restrict_what_cannot_be_erased_2_0_8()
    {
        using var session = new HtmlSession(App);

        await SubmitNewAsync(session, Valid("Erasure").Plus("Data.ErasureRestrictFallback", "true"));

        var subs = await App.WithDbAsync(db => db.SubRequests.AsNoTracking().ToListAsync());
        Assert.Equal([RequestType.Erasure, RequestType.Restriction], subs.Select(s => s.Type).Order());
        Assert.Equal(RestrictionGround.UnlawfulProcessing, SubRequestDetails.From(subs.Single(s => s.Type == RequestType.Restriction)).RestrictionGround);
    }

    [Fact]
    public async Task Should_preselect_the_right_from_the_query_string_and_never_ask_for_the_national_number_ID5()
    {
        using var session = new HtmlSession(App);
        await session.GetAsync("/Language?c=en&r=/");

        var (response, page) = await session.GetAsync("/Requests/New?type=Erasure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#type-Erasure")!.IsChecked);
        Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#type-Access")!.IsChecked);
        Assert.Null(page.QuerySelector("input[type=file]"));
        var names = page.QuerySelectorAll("input, select, textarea").Select(e => e.GetAttribute("name") ?? "").ToList();
        Assert.DoesNotContain(names, n => n.Contains("National", StringComparison.OrdinalIgnoreCase) || n.Contains("Insz", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(7, page.QuerySelectorAll("input[name='Data.Types']").Length);
        Assert.NotNull(page.QuerySelector("#Data_DateOfBirth-hint")); // why it is asked
        // Objection purposes come from the register, named in the visitor's language.
        Assert.Contains(page.QuerySelectorAll("#Data_ObjectionPurposes label"), l => l.TextContent.Contains("survey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Should_show_field_errors_for_missing_fields_and_store_nothing()
    {
        using var session = new HtmlSession(App);

        var (response, page, _) = await SubmitNewAsync(session, [new("Data.Language", "nl")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Kies minstens één recht.", FieldError(page, "Data_Types"));
        Assert.Equal("Vul uw voornaam in.", FieldError(page, "Data_FirstName"));
        Assert.Equal("Vul uw achternaam in.", FieldError(page, "Data_LastName"));
        Assert.Equal("Vul uw e-mailadres in.", FieldError(page, "Data_Email"));
        // Errors are tied to their fields and listed, with links, at the top.
        Assert.Contains("Data_FirstName-error", page.GetElementById("Data_FirstName")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("true", page.GetElementById("Data_FirstName")!.GetAttribute("aria-invalid"));
        Assert.Contains(page.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == "#Data_FirstName");
        await AssertNothingStoredAsync();
    }

    public static TheoryData<string, string, string, string> InvalidInputs => new()
    {
        { "Data.FirstName", new string('a', 10_000), "Data_FirstName", "Gebruik hoogstens 100 tekens." },
        { "Data.LastName", new string('b', 10_000), "Data_LastName", "Gebruik hoogstens 100 tekens." },
        { "Data.FirstName", "<script>alert(1)</script>", "Data_FirstName", "Gebruik alleen letters, spaties, koppeltekens, apostrofs en punten." },
        { "Data.Description", "Hallo <script>alert(1)</script>", "Data_Description", "Laat HTML-codes zoals <script> en onzichtbare tekens weg." },
        { "Data.Description", "Bel\u001bl", "Data_Description", "Laat HTML-codes zoals <script> en onzichtbare tekens weg." },
        { "Data.Email", "an.peeters@", "Data_Email", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.be." },
        { "Data.Email", "an peeters@example.be", "Data_Email", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.be." },
        { "Data.DateOfBirth", "1990-13-45", "Data_DateOfBirth", "Vul een datum in als dd/mm/jjjj." },
        { "Data.DateOfBirth", "yesterday", "Data_DateOfBirth", "Vul een datum in als dd/mm/jjjj." },
        { "Data.DateOfBirth", "2030-01-01", "Data_DateOfBirth", "Deze geboortedatum kan niet kloppen: ze moet in het verleden liggen (u bent minstens 13 jaar)." },
        { "Data.DateOfBirth", "1850-01-01", "Data_DateOfBirth", "Deze geboortedatum kan niet kloppen: ze moet in het verleden liggen (u bent minstens 13 jaar)." },
        { "Data.Phone", "call me maybe", "Data_Phone", "Vul een geldig telefoonnummer in, zoals +32 470 12 34 56." },
        { "Data.FirstName", "An\u0007na", "Data_FirstName", "Gebruik alleen letters, spaties, koppeltekens, apostrofs en punten." },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Should_refuse_invalid_input_with_a_localised_field_error_and_store_nothing(string field, string value, string fieldId, string message)
    {
        using var session = new HtmlSession(App);

        var (response, page, _) = await SubmitNewAsync(session, Valid("Access").With(field, value));

        Assert.True(response.StatusCode == HttpStatusCode.OK, page.Body!.TextContent);
        Assert.Equal(message, FieldError(page, fieldId));
        Assert.DoesNotContain("<script>alert", page.Body!.InnerHtml, StringComparison.Ordinal); // echoed input is encoded
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Should_store_nothing_when_a_value_carries_a_nul_character_the_framework_refuses()
    {
        using var session = new HtmlSession(App);

        var (response, _, _) = await SubmitNewAsync(session, Valid("Access").With("Data.FirstName", "An\u0000na"));

        Assert.False(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Should_require_the_type_specific_answers_only_for_the_rights_asked()
    {
        using var session = new HtmlSession(App);

        var (_, page, _) = await SubmitNewAsync(session, Valid("Restriction", "Objection", "ConsentWithdrawal", "Rectification")
            .Plus("Data.ObjectionPurposes", "payroll"));

        Assert.Equal("Kies waarom u beperking vraagt.", FieldError(page, "Data_RestrictionGround"));
        Assert.Equal("Kies tegen welk gebruik u bezwaar maakt.", FieldError(page, "Data_ObjectionPurposes")); // payroll is a legal obligation (OB-4)
        Assert.Equal("Kies welke toestemming u intrekt.", FieldError(page, "Data_ConsentPurposes"));
        Assert.Equal("Zeg welke gegevens niet kloppen: vul een verbetering in of leg het uit.", FieldError(page, "Data_RectificationExplanation"));
        Assert.Null(FieldError(page, "Data_PortabilityFormat"));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Should_show_errors_in_french_when_the_visitor_reads_french()
    {
        using var session = new HtmlSession(App);
        await session.GetAsync("/Language?c=fr&r=/");

        var (_, page, _) = await SubmitNewAsync(session, Valid("Access").With("Data.Email", "nope"));

        Assert.Equal("Indiquez une adresse e-mail valide, comme nom@exemple.be.", FieldError(page, "Data_Email"));
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Should_make_one_request_when_the_same_form_is_posted_twice()
    {
        using var session = new HtmlSession(App);
        var (_, form) = await session.GetAsync("/Requests/New");

        var (first, _) = await PostFormAsync(session, form, Valid("Access"));
        var (second, _) = await PostFormAsync(session, form, Valid("Access"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync())); // one acknowledgement, not one per post
        var (_, confirmation) = await session.FollowAsync(second);
        Assert.StartsWith("PD-2026-", confirmation.QuerySelector(".reference")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_make_one_request_when_two_posts_with_the_same_key_race()
    {
        using var a = new HtmlSession(App);
        using var b = new HtmlSession(App);
        var (_, formA) = await a.GetAsync("/Requests/New");
        var (_, formB) = await b.GetAsync("/Requests/New");
        var key = formA.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Data.SubmissionKey']")!.Value;

        var results = await Task.WhenAll(
            PostFormAsync(a, formA, Valid("Access")),
            PostFormAsync(b, formB, Valid("Access").With("Data.SubmissionKey", key)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.Response.StatusCode));
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Should_not_show_a_confirmation_for_an_unknown_or_old_submission_key()
    {
        using var session = new HtmlSession(App);
        var (response, _, _) = await SubmitNewAsync(session, Valid("Access"));
        var location = response.Headers.Location!.OriginalString;

        var (unknown, page) = await session.GetAsync($"/Requests/Submitted?key={Guid.NewGuid()}");
        App.Clock.Advance(TimeSpan.FromDays(2));
        var (old, _) = await session.GetAsync(location);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(page.QuerySelector(".reference"));
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_form_post_without_antiforgery_token()
    {
        using var client = App.Factory.CreateClient();
        var response = await client.PostAsync("/Requests/New", new FormUrlEncodedContent(Valid("Access").Plus("Data.SubmissionKey", Guid.NewGuid().ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await App.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.RequestId != null)));
    }
}
