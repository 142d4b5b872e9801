namespace PrivacyDesk.Domain.Plans;

/// <summary>A text in the three languages of an answer (2.0.5).</summary>
public sealed record LocalizedText(string Nl, string Fr, string En)
{
    /// <summary>The text in "nl", "fr" or "en" (also "fr-BE" etc.); Dutch otherwise, the first language of the agency.</summary>
    public string For(string language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        return code.StartsWith("fr", StringComparison.Ordinal) ? FrenchContractions(Fr)
            : code.StartsWith("en", StringComparison.Ordinal) ? En
            : Nl;
    }

    /// <summary>
    /// Texts built from parts ("sur la base de " + "le contrat", "jusqu'à " + "le retrait") need French's
    /// compulsory contractions: du, des, au, aux. Only after the joins the planners use, because "de le" and
    /// "à le" are correct before a verb ("afin de le supprimer").
    /// </summary>
    public static string FrenchContractions(string text) => text
        .Replace("base de le ", "base du ", StringComparison.Ordinal)
        .Replace("base de les ", "base des ", StringComparison.Ordinal)
        .Replace("jusqu'à le ", "jusqu'au ", StringComparison.Ordinal)
        .Replace("jusqu'à les ", "jusqu'aux ", StringComparison.Ordinal)
        .Replace("jusqu’à le ", "jusqu’au ", StringComparison.Ordinal)
        .Replace("après de le ", "après du ", StringComparison.Ordinal)
        .Replace("à compter de le ", "à compter du ", StringComparison.Ordinal)
        .Replace("fin de le ", "fin du ", StringComparison.Ordinal)
        .Replace("date de le ", "date du ", StringComparison.Ordinal);
}
