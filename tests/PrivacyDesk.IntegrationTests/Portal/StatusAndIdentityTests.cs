using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Portal;
using static PrivacyDesk.IntegrationTests.Portal.PortalTestKit;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>E-mail verification and the identity ladder (ID-4..ID-6), the status page, find, withdraw.</summary>
public sealed class StatusAndIdentityTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5, 6, 7, 8];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.ImportPackAsync("asap");
    }

    private sealed record Submitted(Guid RequestId, string Reference, string StatusUrl, string VerifyUrl);

    private async Task<Submitted> SubmitAsync(HtmlSession session, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var (response, _, _) = await SubmitNewAsync(session, fields ?? Valid("Access"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await App.WithDbAsync(db => db.Requests.AsNoTracking().OrderByDescending(r => r.Reference).FirstAsync());
        return new Submitted(request.Id, request.Reference,
            await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Status", request.Id),
            await LinkFromOutboxAsync(App, "request-acknowledgement", "/Requests/Verify", request.Id));
    }

    private Task<DataSubjectRequest> LoadAsync(Guid id) =>
        App.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.WaitingPeriods).Include(r => r.Messages).FirstAsync(r => r.Id == id));

    /// <summary>What the DPO's "ask for more" does (gdpr-rules CLK-2): a waiting interval opens.</summary>
    private Task AskAsync(Guid id, WaitingReason reason) => App.WithDbAsync(async db =>
    {
        var request = await db.Requests.Include(r => r.WaitingPeriods).FirstAsync(r => r.Id == id);
        var now = App.Clock.GetUtcNow();
        request.AskDataSubject(reason, "Two candidates share this name; please tell us your postal address.", necessary: true,
            Domain.Deadlines.BrusselsTime.ToBrusselsDate(now), now, "dpo@test");
        request.AddMessage(false, false, "dpo@test", "Welk postadres hebben wij van u?", now);
        await db.SaveChangesAsync();
        return 0;
    });

    private static async Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)> ConfirmAsync(HtmlSession session, string verifyUrl)
    {
        var (_, page) = await session.GetAsync(verifyUrl);
        return await PostFormAsync(session, page, []);
    }

    [Fact]
    public async Task Should_establish_identity_automatically_when_email_and_birth_date_match_one_candidate_ID4()
    {
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.Email = "An.Peeters@Example.be";
            c.DateOfBirth = new DateOnly(1990, 4, 17);
        });
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        await App.WithScopeAsync(async sp =>
        {
            // A proof uploaded earlier must not survive identity being settled (ID-6).
            sp.GetRequiredService<IdentityProofStore>().Add(submitted.RequestId, "id.png", "image/png", Png);
            await sp.GetRequiredService<PrivacyDeskDbContext>().SaveChangesAsync();
        });

        var (_, verify) = await session.GetAsync(submitted.VerifyUrl);
        Assert.NotNull(verify.QuerySelector("form button[type=submit]")); // a GET alone confirms nothing
        Assert.Equal(IdentityStatus.NotChecked, (await LoadAsync(submitted.RequestId)).IdentityStatus);
        var (response, done) = await PostFormAsync(session, verify, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wij herkennen u", done.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var request = await LoadAsync(submitted.RequestId);
        Assert.Equal(IdentityStatus.Verified, request.IdentityStatus);
        Assert.Equal(IdentityMatcher.MethodDateOfBirth, request.IdentityMethod);
        Assert.Equal(candidate.Id, request.CandidateId);
        Assert.Equal(RequestStatus.InReview, request.Status);
        var proof = await App.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync());
        Assert.NotNull(proof.DeletedAt);
        Assert.Empty(proof.EncryptedContent);

        // The link is used up.
        var (again, _) = await session.GetAsync(submitted.VerifyUrl);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Should_leave_identity_to_the_dpo_when_two_candidates_match_ID4()
    {
        foreach (var seed in new[] { 1, 2 })
        {
            await App.AddCandidateAsync(c =>
            {
                c.Email = "an.peeters@example.be";
                c.DateOfBirth = new DateOnly(1990, 4, 17);
                c.ExternalReference = "ATS-" + seed;
            }, seed);
        }
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);

        var (_, done) = await ConfirmAsync(session, submitted.VerifyUrl);

        Assert.Contains("functionaris voor gegevensbescherming", done.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var request = await LoadAsync(submitted.RequestId);
        Assert.Equal(IdentityStatus.EmailVerified, request.IdentityStatus);
        Assert.Null(request.CandidateId);
        Assert.Equal(RequestStatus.Received, request.Status);
    }

    [Fact]
    public async Task Should_match_on_phone_when_no_birth_date_was_given_ID4()
    {
        var candidate = await App.AddCandidateAsync(c =>
        {
            c.Email = "an.peeters@example.be";
            c.Phone = "0470 12 34 56";
        });
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session, Valid("Erasure").Without("Data.DateOfBirth"));

        await ConfirmAsync(session, submitted.VerifyUrl);

        var request = await LoadAsync(submitted.RequestId);
        Assert.Equal((IdentityStatus.Verified, candidate.Id, IdentityMatcher.MethodPhone), (request.IdentityStatus, request.CandidateId, request.IdentityMethod));
    }

    [Fact]
    public async Task Should_offer_a_new_link_when_the_verification_link_has_expired()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        App.Clock.Advance(TimeSpan.FromHours(49));

        var (response, page) = await session.GetAsync(submitted.VerifyUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("verlopen", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var (_, resent) = await PostFormAsync(session, page, []);

        Assert.Contains("nieuwe link", resent.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "email-verification"))); // the first link came with the acknowledgement
        var (old, _) = await session.GetAsync(submitted.VerifyUrl);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode); // the expired link is replaced
        var fresh = await LinkFromOutboxAsync(App, "email-verification", "/Requests/Verify");
        await ConfirmAsync(session, fresh);
        Assert.Equal(IdentityStatus.EmailVerified, (await LoadAsync(submitted.RequestId)).IdentityStatus);

        var (_, status) = await session.GetAsync(submitted.StatusUrl);
        Assert.Null(status.QuerySelector("#verify-title")); // confirmed: nothing more to resend
    }

    [Fact]
    public async Task Should_throttle_verification_resends_from_the_status_page()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        var (_, status) = await session.GetAsync(submitted.StatusUrl);

        var (_, first) = await PostFormAsync(session, status, [], "form[action*='handler=Resend']");

        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "email-verification"))); // the acknowledgement's link was sent < 2 min ago
        Assert.NotNull(first.QuerySelector(".error-summary"));
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        var (resent, _) = await PostFormAsync(session, first, [], "form[action*='handler=Resend']");
        var (_, second) = await session.FollowAsync(resent); // PRG: the page redirects to itself
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "email-verification")));
        Assert.NotNull(second.QuerySelector(".flash"));
    }

    [Fact]
    public async Task Should_show_the_status_page_with_timeline_due_date_and_messages()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.FirstAsync();
            r.AddMessage(false, true, "dpo@test", "INTERNAL: check ATS duplicate", App.Clock.GetUtcNow());
            r.Assign("dpo@test", App.Clock.GetUtcNow(), "dpo@test");
            await db.SaveChangesAsync();
            return 0;
        });

        var (response, page) = await session.GetAsync(submitted.StatusUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(submitted.Reference, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-12-23", page.QuerySelector("time.due-date")!.GetAttribute("datetime"));
        Assert.Equal("23 december 2026", page.QuerySelector("time.due-date")!.TextContent);
        var timeline = page.QuerySelector(".timeline")!.TextContent;
        Assert.Contains("Verzoek ontvangen", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("dpo@test", page.Body!.TextContent, StringComparison.Ordinal); // staff-only events and notes stay hidden
        Assert.DoesNotContain("INTERNAL", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_open_the_status_page_from_the_long_parameter_names_the_api_mails_use()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        var url = PrivacyDesk.Web.Features.Requests.RegisterRequest.Handler.StatusLink("", submitted.Reference, Query(submitted.StatusUrl, "t"));

        var (response, page) = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(submitted.Reference, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_the_extended_due_date_with_its_reason()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        await App.WithDbAsync(async db =>
        {
            var r = await db.Requests.FirstAsync();
            r.Extend("COMPLEX", "Uw verzoek betreft veel gegevens in drie systemen.", new DateOnly(2027, 2, 23), new DateOnly(2026, 11, 30), App.Clock.GetUtcNow(), "dpo@test");
            await db.SaveChangesAsync();
            return 0;
        });

        var (_, page) = await session.GetAsync(submitted.StatusUrl);

        Assert.Equal("2027-02-23", page.QuerySelector("time.due-date")!.GetAttribute("datetime"));
        Assert.Contains("Uw verzoek betreft veel gegevens", page.QuerySelector(".extension")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("23 december 2026", page.QuerySelector(".extension")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_answer_a_wrong_token_and_someone_elses_reference_exactly_like_an_unknown_reference()
    {
        using var mine = new HtmlSession(App);
        var a = await SubmitAsync(mine);
        using var theirs = new HtmlSession(App);
        var b = await SubmitAsync(theirs, Valid("Erasure").With("Data.Email", "someone.else@example.be"));
        var myToken = Query(a.StatusUrl, "t");

        var unknown = await mine.GetAsync($"/Requests/Status?r=PD-2026-999999&t={Uri.EscapeDataString(myToken)}");
        var wrongToken = await mine.GetAsync($"/Requests/Status?r={a.Reference}&t=not-the-token");
        var otherReference = await mine.GetAsync($"/Requests/Status?r={b.Reference}&t={Uri.EscapeDataString(myToken)}");
        var noToken = await mine.GetAsync($"/Requests/Status?r={a.Reference}");

        foreach (var (response, page) in new[] { wrongToken, otherReference, noToken })
        {
            Assert.Equal(unknown.Response.StatusCode, response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(unknown.Document.QuerySelector("main")!.TextContent, page.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain("someone.else", page.Body!.TextContent, StringComparison.Ordinal);
        }
        // Posting to someone else's request with my token changes nothing.
        var (_, own) = await mine.GetAsync(a.StatusUrl);
        await PostFormAsync(mine, own, [new("Data.ConfirmWithdraw", "true"), new("r", b.Reference)], "form[action*='handler=Withdraw']");
        Assert.Equal(RequestStatus.Received, (await LoadAsync(b.RequestId)).Status);
    }

    [Fact]
    public async Task Should_withdraw_only_after_confirmation()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        var (_, page) = await session.GetAsync(submitted.StatusUrl);

        var (_, unconfirmed) = await PostFormAsync(session, page, [], "form[action*='handler=Withdraw']");
        Assert.Equal("Vink aan dat u uw verzoek wilt intrekken.", FieldError(unconfirmed, "Data_ConfirmWithdraw"));
        Assert.Equal(RequestStatus.Received, (await LoadAsync(submitted.RequestId)).Status);

        var (posted, _) = await PostFormAsync(session, unconfirmed, [new("Data.ConfirmWithdraw", "true")], "form[action*='handler=Withdraw']");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // PRG: a reload does not post again
        var (response, done) = await session.FollowAsync(posted);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RequestStatus.Withdrawn, (await LoadAsync(submitted.RequestId)).Status);
        Assert.Contains("ingetrokken", done.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Null(done.QuerySelector("form[action*='handler=Withdraw']"));
    }

    [Fact]
    public async Task Should_let_the_person_answer_a_clarification_question_and_restart_the_clock_CLK3()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        App.Clock.Advance(TimeSpan.FromDays(2));
        await AskAsync(submitted.RequestId, WaitingReason.Clarification);
        App.Clock.Advance(TimeSpan.FromDays(5));

        var (_, page) = await session.GetAsync(submitted.StatusUrl);
        Assert.NotNull(page.QuerySelector(".provisional"));
        Assert.Null(page.QuerySelector("input[type=file]")); // no document upload for a clarification (ID-6)
        Assert.Contains("Welk postadres", page.QuerySelector(".messages")!.TextContent, StringComparison.Ordinal);
        var (posted, _) = await PostMultipartAsync(session, page, "form[action*='handler=Answer']", [new("Data.Message", "Kerkstraat 1, 3600 Genk")], null);
        var (_, answered) = await session.FollowAsync(posted);

        Assert.Contains("ontvingen uw antwoord", answered.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var request = await LoadAsync(submitted.RequestId);
        Assert.Equal(RequestStatus.InReview, request.Status);
        var wait = Assert.Single(request.WaitingPeriods);
        Assert.Equal((new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 30)), (wait.RequestedOn, wait.ReceivedOn!.Value));
        Assert.Equal(new DateOnly(2026, 12, 28), request.DueOn); // 2026-12-23 + 5 suspended days (CLK-3)
        Assert.Contains(request.Messages, m => m.FromDataSubject && m.Body == "Kerkstraat 1, 3600 Genk");
    }

    [Fact]
    public async Task Should_store_an_identity_proof_encrypted_only_when_asked_and_delete_it_on_withdrawal_ID6()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        var (_, before) = await session.GetAsync(submitted.StatusUrl);
        Assert.Null(before.QuerySelector("input[type=file]")); // not offered before the DPO asked
        await AskAsync(submitted.RequestId, WaitingReason.Identity);

        var (_, page) = await session.GetAsync(submitted.StatusUrl);
        Assert.Contains("zwart", page.GetElementById("Data_File-hint")!.TextContent, StringComparison.Ordinal); // advice to black out (ID-6)
        await PostMultipartAsync(session, page, "form[action*='handler=Answer']", [new("Data.Message", "Hierbij mijn kaart, afgeschermd.")], ("Data.File", "identiteitskaart.png", Png, "image/png"));

        var stored = await App.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync());
        Assert.Equal(("identiteitskaart.png", "image/png", Png.Length), (stored.FileName, stored.ContentType, (int)stored.Size));
        Assert.NotEqual(Png, stored.EncryptedContent);
        Assert.False(stored.EncryptedContent.AsSpan().IndexOf(Png.AsSpan(0, 8)) >= 0, "plaintext PNG header found in the stored bytes");
        var decrypted = App.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdentityProofStore.Purpose).Unprotect(stored.EncryptedContent);
        Assert.Equal(Png, decrypted);
        Assert.Equal(RequestStatus.Received, (await LoadAsync(submitted.RequestId)).Status); // back to the DPO, identity not yet settled

        var (_, status) = await session.GetAsync(submitted.StatusUrl);
        await PostFormAsync(session, status, [new("Data.ConfirmWithdraw", "true")], "form[action*='handler=Withdraw']");
        var deleted = await App.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync());
        Assert.NotNull(deleted.DeletedAt);
        Assert.Empty(deleted.EncryptedContent);
    }

    public static TheoryData<string, byte[], string> BadUploads => new()
    {
        { "kaart.png", Encoding.ASCII.GetBytes("MZ\u0090\0this is a windows program"), "De inhoud van het bestand past niet bij de extensie; stuur een echte PDF, JPEG of PNG." },
        { "kaart.pdf", Png, "De inhoud van het bestand past niet bij de extensie; stuur een echte PDF, JPEG of PNG." },
        { "kaart.php.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 fake"), "De bestandsnaam heeft twee extensies (zoals .exe.pdf); geef het een eenvoudige naam." },
        { "kaart.exe", Encoding.ASCII.GetBytes("MZ"), "Alleen PDF, JPEG of PNG." },
        { "kaart.svg", Encoding.ASCII.GetBytes("<svg onload=alert(1)>"), "Alleen PDF, JPEG of PNG." },
        { "../../etc/passwd.png", Png, "Deze bestandsnaam kunnen wij niet aanvaarden; geef het bestand een eenvoudige naam." },
        { "kaart.png", new byte[(5 * 1024 * 1024) + 1], "Het bestand is te groot: hoogstens 5 MB." },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Should_refuse_oversized_or_disguised_uploads_and_store_nothing(string fileName, byte[] content, string message)
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        await AskAsync(submitted.RequestId, WaitingReason.Identity);
        var (_, page) = await session.GetAsync(submitted.StatusUrl);

        var (response, result) = await PostMultipartAsync(session, page, "form[action*='handler=Answer']", [new("Data.Message", "Zie bijlage")], ("Data.File", fileName, content, "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, FieldError(result, "Data_File"));
        Assert.Equal(0, await App.WithDbAsync(db => db.Attachments.CountAsync()));
        var request = await LoadAsync(submitted.RequestId);
        Assert.Equal(RequestStatus.AwaitingDataSubject, request.Status);
        Assert.DoesNotContain(request.Messages, m => m.FromDataSubject);
    }

    [Fact]
    public async Task Should_resend_the_status_link_only_when_reference_and_email_match_and_always_say_the_same()
    {
        using var session = new HtmlSession(App);
        var submitted = await SubmitAsync(session);
        var (_, find) = await session.GetAsync("/Requests/Find");

        var (_, wrong) = await PostFormAsync(session, find, [new("Data.Reference", submitted.Reference), new("Data.Email", "other@example.be")]);
        var (_, unknown) = await PostFormAsync(session, find, [new("Data.Reference", "PD-2026-999999"), new("Data.Email", "an.peeters@example.be")]);
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "status-link")));
        var (_, right) = await PostFormAsync(session, find, [new("Data.Reference", submitted.Reference.ToLowerInvariant()), new("Data.Email", "AN.PEETERS@example.be")]);

        Assert.Equal(wrong.QuerySelector("main")!.TextContent, right.QuerySelector("main")!.TextContent);
        Assert.Equal(unknown.QuerySelector("main")!.TextContent, right.QuerySelector("main")!.TextContent);
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "status-link")));
        var newLink = await LinkFromOutboxAsync(App, "status-link", "/Requests/Status");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(newLink)).Response.StatusCode);
        var (oldResponse, oldPage) = await session.GetAsync(submitted.StatusUrl);
        Assert.Equal(HttpStatusCode.Gone, oldResponse.StatusCode); // the old link stops working and says it was replaced
        Assert.NotNull(oldPage.QuerySelector("main a[href='/Requests/Find']"));

        // Asking again at once sends nothing more (at most one per ten minutes).
        await PostFormAsync(session, find, [new("Data.Reference", submitted.Reference), new("Data.Email", "an.peeters@example.be")]);
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Template == "status-link")));
    }

    [Fact]
    public async Task Should_keep_personal_data_out_of_every_link_in_the_emails()
    {
        using var session = new HtmlSession(App);
        await SubmitAsync(session);

        var bodies = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Select(m => m.BodyText).ToListAsync());

        foreach (var link in bodies.SelectMany(b => System.Text.RegularExpressions.Regex.Matches(b, @"https?://\S+").Select(m => m.Value)))
        {
            Assert.DoesNotContain("peeters", link, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("1990", link, StringComparison.Ordinal);
            Assert.Matches(@"^http://127\.0\.0\.1:5080/Requests/(Status|Verify)\?r=PD-2026-\d{6}&t=[A-Za-z0-9_-]+$", link);
        }
    }
}
