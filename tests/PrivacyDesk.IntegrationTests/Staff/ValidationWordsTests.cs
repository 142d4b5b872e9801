using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>
/// A form posted invalid answers in the page's language, one error beside its field: FluentValidation's own
/// messages with the field's name from the resource files (staff note form), and the portal's own messages.
/// </summary>
public sealed class ValidationWordsTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("nl", "'Tekst' mag niet leeg zijn.")]
    [InlineData("fr", "'Texte' ne doit pas être vide.")]
    public async Task Should_say_a_builtin_validation_message_in_the_language_with_the_field_name(string language, string expected)
    {
        await App.ImportPackAsync("asap");
        var request = await App.AddRequestAsync(await App.AddCandidateAsync(), RequestType.Access);
        var email = $"dpo.validation.{language}@test.local";
        await HtmlSession.CreateStaffAsync(App, email, Roles.Dpo);
        using var dpo = new HtmlSession(App);
        await dpo.GetAsync($"/Language?c={language}&r=/Account/Login");
        var (_, login) = await dpo.GetAsync("/Account/Login");
        await dpo.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = HtmlSession.Password });
        var (_, page) = await dpo.GetAsync($"/Dpo/Requests/Details?id={request.Id}");

        var (_, answer) = await dpo.SubmitAsync(page, new Dictionary<string, string> { ["Body"] = " " }, "form[action*='handler=Note']");

        // Beside the note field, once, not again in the summary at the top.
        Assert.Equal(expected, answer.QuerySelector("#note-body-error")?.TextContent.Trim());
        Assert.True(answer.QuerySelector(".error-summary") is null, answer.QuerySelector(".error-summary")?.TextContent);
        Assert.Empty(new LeakDetector(language).Find(expected));
    }

    [Theory]
    [InlineData("nl", "Vul uw e-mailadres in.")]
    [InlineData("fr", "Indiquez votre adresse e-mail.")]
    public async Task Should_say_a_portal_validation_message_in_the_language_beside_its_field(string language, string expected)
    {
        using var visitor = new HtmlSession(App);
        await visitor.GetAsync($"/Language?c={language}&r=/Requests/Find");
        var (_, form) = await visitor.GetAsync("/Requests/Find");

        var (_, answer) = await visitor.SubmitAsync(form, new Dictionary<string, string> { ["Data.Reference"] = "PD-2026-000001", ["Data.Email"] = "" });

        Assert.Equal(expected, answer.QuerySelector("#Data_Email-error")?.TextContent.Trim());
        Assert.Single(answer.QuerySelectorAll(".field-error"));
        Assert.Empty(new LeakDetector(language).Find(answer.QuerySelector("main")!.TextContent));
    }
}
