using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>Coded reasons the DPO chooses from (refusals: 2.0.4 / N1; extensions: EXT-4).</summary>
public static class ReasonCatalog
{
    public sealed record Reason(string Code, string Article, LocalizedText Text);

    public static readonly IReadOnlyList<Reason> Refusal =
    [
        new("identity-not-established", "Art. 12(6) GDPR", new(
            "Wij konden niet vaststellen dat u de persoon bent op wie het verzoek betrekking heeft, ook niet na onze vraag om bijkomende informatie.",
            "Nous n'avons pas pu établir que vous êtes la personne concernée par la demande, même après notre demande d'informations complémentaires.",
            "We could not establish that you are the person the request is about, even after asking for additional information.")),
        new("cannot-identify", "Art. 11(2) and 12(2) GDPR", new(
            "Met de gegevens die wij hebben, kunnen wij u niet identificeren. Bezorgt u ons informatie die dat wel mogelijk maakt, dan behandelen wij uw verzoek opnieuw.",
            "Avec les données dont nous disposons, nous ne pouvons pas vous identifier. Si vous nous fournissez des informations qui le permettent, nous traiterons à nouveau votre demande.",
            "With the data we hold we cannot identify you. If you give us information that allows it, we will handle your request again.")),
        new("manifestly-unfounded", "Art. 12(5)(b) GDPR", new(
            "Het verzoek is kennelijk ongegrond.", "La demande est manifestement infondée.", "The request is manifestly unfounded.")),
        new("excessive", "Art. 12(5)(b) GDPR", new(
            "Het verzoek is buitensporig, in het bijzonder door het repetitieve karakter ervan.", "La demande est excessive, notamment en raison de son caractère répétitif.", "The request is excessive, in particular because of its repetitive character.")),
        new("rights-of-others", "Art. 15(4) GDPR", new(
            "Een deel van de gegevens raakt aan de rechten en vrijheden van anderen; die delen zijn afgeschermd.", "Une partie des données porte atteinte aux droits et libertés d'autrui ; ces parties ont été occultées.", "Part of the data affects the rights and freedoms of others; those parts are redacted.")),
        new("statutory-retention", "Art. 17(3)(b) GDPR", new(
            "Een deel van de gegevens moeten wij wettelijk bewaren (bv. sociale en fiscale wetgeving); ze blijven afgeschermd tot de wettelijke termijn voorbij is.", "Une partie des données doit être conservée en vertu de la loi (p. ex. législation sociale et fiscale) ; elles restent bloquées jusqu'à la fin du délai légal.", "Part of the data must be kept by law (e.g. social-security and tax law); they stay locked away until the legal period ends.")),
        new("legal-claims", "Art. 17(3)(e) GDPR", new(
            "Een deel van de gegevens is nodig voor de vaststelling, uitoefening of onderbouwing van een rechtsvordering; ze blijven afgeschermd.", "Une partie des données est nécessaire à la constatation, à l'exercice ou à la défense de droits en justice ; elles restent bloquées.", "Part of the data is needed to establish, exercise or defend a legal claim; they stay restricted.")),
        new("objection-overriding-grounds", "Art. 21(1) GDPR", new(
            "Wij hebben dwingende gerechtvaardigde gronden voor de verwerking die zwaarder wegen dan uw belangen.", "Nous avons des motifs légitimes impérieux pour le traitement qui prévalent sur vos intérêts.", "We have compelling legitimate grounds for the processing which override your interests.")),
        new("portability-not-applicable", "Art. 20(1) GDPR", new(
            "Het recht op overdraagbaarheid geldt alleen voor gegevens die u zelf verstrekte en die wij op basis van toestemming of overeenkomst geautomatiseerd verwerken.", "Le droit à la portabilité ne vaut que pour les données que vous avez fournies et que nous traitons de manière automatisée sur la base du consentement ou d'un contrat.", "The right to portability only covers data you provided that we process by automated means on the basis of consent or a contract.")),
        new("other", "", new("Andere reden (zie toelichting).", "Autre motif (voir explication).", "Other reason (see explanation).")),
    ];

    public static readonly IReadOnlyList<Reason> Extension =
    [
        new("volume-systems", "Art. 12(3) GDPR", new(
            "Uw gegevens zijn verspreid over verschillende systemen en afdelingen.", "Vos données sont réparties entre plusieurs systèmes et services.", "Your data are spread over several systems and units.")),
        new("hard-to-retrieve", "Art. 12(3) GDPR", new(
            "Een deel van de gegevens is moeilijk terug te vinden (archieven, e-mailopslag).", "Une partie des données est difficile à retrouver (archives, messageries).", "Part of the data is hard to retrieve (archives, e-mail stores).")),
        new("redaction-exemption", "Art. 12(3) GDPR", new(
            "Wij moeten gegevens van anderen afschermen of een uitzondering beoordelen.", "Nous devons occulter des données de tiers ou examiner une exception.", "We need to redact other people's data or assess an exemption.")),
        new("make-intelligible", "Art. 12(3) GDPR", new(
            "Ruwe gegevens moeten begrijpelijk gemaakt worden.", "Des données brutes doivent être rendues intelligibles.", "Raw data need to be made intelligible.")),
        new("several-rights", "Art. 12(3) GDPR", new(
            "U oefent verschillende rechten tegelijk uit.", "Vous exercez plusieurs droits en même temps.", "You exercise several rights at once.")),
        new("exceptional-surge", "Art. 12(3) GDPR", new(
            "Wij ontvangen tijdelijk uitzonderlijk veel verzoeken.", "Nous recevons temporairement un nombre exceptionnel de demandes.", "We are receiving a temporary, exceptional surge of requests.")),
    ];

    public static Reason? FindRefusal(string? code) => Refusal.FirstOrDefault(r => r.Code == code);

    public static Reason? FindExtension(string? code) => Extension.FirstOrDefault(r => r.Code == code);

    /// <summary>N1: the ground, the article and the DPO's facts in plain words.</summary>
    public static string RefusalText(string code, string? details, string language)
    {
        var reason = FindRefusal(code) ?? throw new ArgumentException("Unknown reason code.", nameof(code));
        var text = reason.Text.For(language) + (reason.Article.Length > 0 ? $" ({reason.Article})" : "");
        return string.IsNullOrWhiteSpace(details) ? text : text + "\n" + details.Trim();
    }

    public static LocalizedText RightName(RequestType type) => type switch
    {
        RequestType.Access => new("inzage (art. 15 AVG)", "accès (art. 15 RGPD)", "access (Art. 15 GDPR)"),
        RequestType.Rectification => new("verbetering (art. 16 AVG)", "rectification (art. 16 RGPD)", "rectification (Art. 16 GDPR)"),
        RequestType.Erasure => new("wissing (art. 17 AVG)", "effacement (art. 17 RGPD)", "erasure (Art. 17 GDPR)"),
        RequestType.Restriction => new("beperking (art. 18 AVG)", "limitation (art. 18 RGPD)", "restriction (Art. 18 GDPR)"),
        RequestType.Portability => new("overdraagbaarheid (art. 20 AVG)", "portabilité (art. 20 RGPD)", "portability (Art. 20 GDPR)"),
        RequestType.Objection => new("bezwaar (art. 21 AVG)", "opposition (art. 21 RGPD)", "objection (Art. 21 GDPR)"),
        _ => new("intrekking van toestemming (art. 7(3) AVG)", "retrait du consentement (art. 7(3) RGPD)", "consent withdrawal (Art. 7(3) GDPR)"),
    };
}
