namespace PrivacyDesk.Domain.Plans;

internal static class CombinedTexts
{
    public static LocalizedText AccessNoData { get; } = new(
        "Wij verwerken geen persoonsgegevens over u. Er is dus niets om u te bezorgen (bevestiging: nee, art. 15(1) AVG).",
        "Nous ne traitons aucune donnée à caractère personnel vous concernant. Il n'y a donc rien à vous transmettre (confirmation : non, art. 15(1) RGPD).",
        "We do not hold any personal data about you, so there is nothing to send you (confirmation: no, Art. 15(1) GDPR).");

    public static LocalizedText NoData { get; } = new(
        "Wij verwerken geen persoonsgegevens over u; uw verzoek heeft daarom geen gevolgen voor gegevens.",
        "Nous ne traitons aucune donnée à caractère personnel vous concernant ; votre demande n'a donc aucun effet sur des données.",
        "We do not hold any personal data about you, so your request has no data to act on.");

    public static LocalizedText ErasureAfterSnapshot { get; } = new(
        "De wissing wordt pas uitgevoerd nadat de kopie van uw gegevens (inzage of overdraagbaarheid) is gemaakt (2.0.8).",
        "L'effacement n'est exécuté qu'après la copie de vos données (accès ou portabilité) (2.0.8).",
        "The erasure is carried out only after the copy of your data (access or portability) has been taken (2.0.8).");
}
