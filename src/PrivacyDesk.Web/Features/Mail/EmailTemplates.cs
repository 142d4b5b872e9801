using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>
/// E-mail templates per language from the embedded Resources/emails*.json files:
/// { "template": { "nl": { "subject": "...", "body": "..." }, "fr": {...}, "en": {...} } }.
/// Placeholders are {Name}; a missing value is an error, never an empty hole in a legal notice.
/// </summary>
public sealed partial class EmailTemplates
{
    public sealed record Text(string Subject, string Body);

    private readonly FrozenDictionary<string, Dictionary<string, Text>> _templates = Load();

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public bool Has(string template) => _templates.ContainsKey(template);

    public Text Render(string template, string language, IReadOnlyDictionary<string, string> values)
    {
        if (!_templates.TryGetValue(template, out var byLanguage))
            throw new InvalidOperationException($"Unknown e-mail template '{template}'.");
        var text = byLanguage.GetValueOrDefault(language) ?? byLanguage["nl"];
        // Subjects become a header: no line breaks may come through (header injection).
        var subject = Fill(text.Subject, values, template).ReplaceLineEndings(" ");
        return new Text(subject, Fill(text.Body, values, template));
    }

    public IReadOnlyDictionary<string, Text> Languages(string template) => _templates[template];

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, string template) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"Template '{template}' needs a value for {{{m.Groups[1].Value}}}."));

    private static FrozenDictionary<string, Dictionary<string, Text>> Load()
    {
        var assembly = typeof(EmailTemplates).Assembly;
        var merged = new Dictionary<string, Dictionary<string, Text>>(StringComparer.Ordinal);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("PrivacyDesk.Web.Resources.emails", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var file = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Text>>>(stream, options) ?? [];
            foreach (var (key, value) in file)
            {
                if (!merged.TryAdd(key, value))
                    throw new InvalidOperationException($"E-mail template '{key}' is defined twice ({name}).");
            }
        }
        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>The Art. 12(4) / 77 / 79 block every refusal or partial refusal carries (2.0.6 N2, N3).</summary>
    public static string ComplaintBlock(string language) => language switch
    {
        "fr" => new StringBuilder()
            .AppendLine("Vous avez le droit d'introduire une plainte auprès de l'Autorité de protection des données (APD), rue de la Presse 35, 1000 Bruxelles, contact@apd-gba.be, www.autoriteprotectiondonnees.be, ou auprès de l'autorité de l'État membre de votre résidence habituelle, de votre lieu de travail ou du lieu de la violation alléguée (art. 77 RGPD).")
            .Append("Vous avez aussi le droit de former un recours juridictionnel (art. 79 RGPD), en Belgique notamment l'action en cessation devant le président du tribunal de première instance (loi du 30 juillet 2018).").ToString(),
        "en" => new StringBuilder()
            .AppendLine("You have the right to lodge a complaint with the Belgian Data Protection Authority (Gegevensbeschermingsautoriteit / Autorité de protection des données), Drukpersstraat 35 / Rue de la Presse 35, 1000 Brussels, contact@apd-gba.be, or with the authority of the Member State where you live, work or where the alleged infringement took place (Art. 77 GDPR).")
            .Append("You also have the right to an effective judicial remedy (Art. 79 GDPR); in Belgium, for example, the injunction procedure before the president of the court of first instance (Law of 30 July 2018).").ToString(),
        _ => new StringBuilder()
            .AppendLine("U hebt het recht om klacht in te dienen bij de Gegevensbeschermingsautoriteit (GBA), Drukpersstraat 35, 1000 Brussel, contact@apd-gba.be, www.gegevensbeschermingsautoriteit.be, of bij de toezichthoudende autoriteit van de lidstaat waar u woont, werkt of waar de vermeende inbreuk plaatsvond (art. 77 AVG).")
            .Append("U hebt ook het recht om naar de rechter te stappen (art. 79 AVG), in België bijvoorbeeld met een stakingsvordering bij de voorzitter van de rechtbank van eerste aanleg (wet van 30 juli 2018).").ToString(),
    };
}
