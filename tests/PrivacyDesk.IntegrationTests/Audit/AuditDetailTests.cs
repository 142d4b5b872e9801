using System.Globalization;
using PrivacyDesk.Web.Features.Audit;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Localization;

namespace PrivacyDesk.IntegrationTests.Audit;

/// <summary>
/// Stored audit lines (English, hashed into the chain) read in the staff member's language: one template per
/// event shape, dates in the locale's format, enum values through their labels, and a localised generic line
/// with the stored facts for a wording no template knows.
/// </summary>
public sealed class AuditDetailTests
{
    private static readonly IReadOnlyDictionary<string, Dictionary<string, string>> Texts = JsonStringLocalizerFactory.Load();

    [Fact]
    public void Should_have_every_template_in_dutch_french_and_english()
    {
        var missing = AuditDetail.TemplateKeys
            .SelectMany(k => new[] { "nl", "fr", "en" }.Where(l => !Texts.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t.GetValueOrDefault(l))).Select(l => $"{k} ({l})"))
            .ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Theory]
    [InlineData("nl", "Verlengd tot {0} (reden: U oefent", "Beslissing: Gedeeltelijk goedgekeurd.", "Ontvangen via Post op {1}: Wissing")]
    [InlineData("fr", "Prolongée jusqu'au {0} (motif : Vous exercez", "Décision : Partiellement approuvée.", "Reçue par Courrier le {1} : Effacement")]
    public void Should_render_a_stored_line_from_its_template_in_the_language(string language, string extended, string decided, string received)
    {
        var (lines, detector) = Render(language,
            ("request.extended", "Extended to 2027-03-05 (several-rights)."),
            ("request.decided", "Decision: PartiallyApproved."),
            ("request.received", "Received via Post on 2026-12-01: Erasure"),
            ("execution.erasure", "Erasure carried out: Deleted 4, DeferredByStatute 2."),
            ("hold.placed", "Legal hold placed (Litigation; scope: payroll; review by 2027-03-01); 3 record(s) restricted (LH-3)."));
        var (march, december) = InCulture(language, () => (StaffFormat.Date(new DateOnly(2027, 3, 5)), StaffFormat.Date(new DateOnly(2026, 12, 1))));

        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, extended, march), lines[0], StringComparison.Ordinal);
        Assert.Equal(decided, lines[1]);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, received, march, december) + ".", lines[2]);
        Assert.Contains("4", lines[3], StringComparison.Ordinal);
        Assert.Contains("LH-3", lines[4], StringComparison.Ordinal);
        Assert.Empty(lines.SelectMany(detector.Find));
    }

    [Theory]
    [InlineData("nl", "Termijn verlengd — vastgelegde gegevens: {0}, EXT-4")]
    [InlineData("fr", "Délai prolongé — données enregistrées : {0}, EXT-4")]
    public void Should_fall_back_to_a_localised_generic_line_with_the_stored_facts(string language, string expected)
    {
        // An older wording of a known event: its label and the facts that need no words, never the English line.
        var (lines, detector) = Render(language, ("request.extended", "Deadline prolonged until 2027-03-05 under EXT-4."), ("made.up", "Something odd happened to 12 records."));
        var march = InCulture(language, () => StaffFormat.Date(new DateOnly(2027, 3, 5)));

        Assert.False(AuditDetail.Recognises("request.extended", "Deadline prolonged until 2027-03-05 under EXT-4."));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, expected, march), lines[0]);
        Assert.Contains("made.up", lines[1], StringComparison.Ordinal);
        Assert.Contains("12", lines[1], StringComparison.Ordinal);
        Assert.Empty(lines.SelectMany(detector.Find));
    }

    [Theory]
    [InlineData("nl", "Klantbedrijf Barco Kortrijk verwittigen (art. 19 AVG)", "Het definitieve antwoord versturen", "Andere — vastgelegde gegevens: ER-6")]
    [InlineData("fr", "Informer l'entreprise cliente Barco Kortrijk (art. 19 RGPD)", "Envoyer la réponse définitive", "Autre — données enregistrées : ER-6")]
    public void Should_render_a_stored_task_title_in_the_language(string language, string client, string answer, string other)
    {
        var (lines, detector) = Render(language,
            ("task.NotifyRecipient", "Notify client company Barco Kortrijk (Art. 19)"), ("task.SendFinalAnswer", "Send the final answer"), ("task.Other", "Call the archive (ER-6)"));

        Assert.Equal([client, answer, other], lines);
        Assert.Empty(lines.SelectMany(detector.Find));
    }

    [Fact]
    public void Should_mark_what_a_person_typed_as_not_to_be_translated_and_encode_it()
    {
        var html = Html("nl", "clock.override", "Late information request of 2026-12-01 (Clarification) counted by DPO override: <b>brief</b> kwam laat");

        Assert.Contains("<span translate=\"no\">&lt;b&gt;brief&lt;/b&gt; kwam laat</span>", html, StringComparison.Ordinal);
    }

    private static (List<string> Lines, Staff.LeakDetector Detector) Render(string language, params (string Type, string Summary)[] events) =>
        (events.Select(e => Strip(Html(language, e.Type, e.Summary))).ToList(), new Staff.LeakDetector(language));

    private static string Html(string language, string type, string summary) => InCulture(language, () =>
    {
        using var writer = new StringWriter();
        (type.StartsWith("task.", StringComparison.Ordinal)
                ? AuditDetail.RenderTask(type[5..], summary, Text(language))
                : AuditDetail.Render(type, summary, Text(language), code => code == "payroll" ? (language == "fr" ? "Paie" : "Loonadministratie") : null))
            .WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    });

    private static Func<string, string?> Text(string language) => k => Texts.TryGetValue(k, out var t) ? t.GetValueOrDefault(language) : null;

    private static T InCulture<T>(string language, Func<T> what)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language == "fr" ? "fr-BE" : "nl-BE");
            return what();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    private static string Strip(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
}
