using System.Globalization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// Building blocks of the reasons (2.0.5: plain language in nl/fr/en). Record-set names carry their
/// article so NL/FR sentences can use the active voice and avoid gender agreement.
/// </summary>
internal static class PlanTexts
{
    private static readonly Dictionary<RecordSet, LocalizedText> SetNames = new()
    {
        [RecordSet.CandidateProfile] = new("de profielgegevens", "les données de profil", "profile data"),
        [RecordSet.Applications] = new("de sollicitaties", "les candidatures", "applications"),
        [RecordSet.Documents] = new("de documenten (cv, brieven, attesten)", "les documents (CV, lettres, attestations)", "documents (CV, letters, certificates)"),
        [RecordSet.WorkExperience] = new("de gegevens over werkervaring", "les expériences professionnelles", "work-experience entries"),
        [RecordSet.Education] = new("de opleidingsgegevens", "les formations", "education entries"),
        [RecordSet.LanguageSkills] = new("de gegevens over talenkennis", "les compétences linguistiques", "language skills"),
        [RecordSet.Assignments] = new("de gegevens over uitzendopdrachten", "les données des missions d'intérim", "assignment records"),
        [RecordSet.PayrollRecords] = new("de loongegevens", "les données salariales", "payroll records"),
        [RecordSet.TaxRecords] = new("de fiscale gegevens", "les données fiscales", "tax records"),
        [RecordSet.InterviewNotes] = new("de gespreksnotities", "les notes d'entretien", "interview notes"),
        [RecordSet.Evaluations] = new("de evaluaties", "les évaluations", "evaluations"),
        [RecordSet.EmergencyContacts] = new("de noodcontacten", "les contacts d'urgence", "emergency contacts"),
        [RecordSet.Consents] = new("de toestemmingsgegevens", "les preuves de consentement", "consent records"),
        [RecordSet.ContactMessages] = new("de berichten via het contactformulier", "les messages du formulaire de contact", "contact-form messages"),
        [RecordSet.Complaints] = new("de klachten", "les plaintes", "complaints"),
        [RecordSet.SurveyAnswers] = new("de antwoorden op tevredenheidsenquêtes", "les réponses aux enquêtes de satisfaction", "survey answers"),
        [RecordSet.Photos] = new("de foto's", "les photos", "photos"),
        [RecordSet.ProfessionalEmails] = new("de professionele e-mails waarin u vermeld wordt", "les e-mails professionnels qui vous mentionnent", "professional e-mails that mention you"),
        [RecordSet.ClientDisclosures] = new("de gegevens over doorgiften aan klantbedrijven", "les données sur les transmissions aux entreprises clientes", "records of disclosures to client companies"),
    };

    private static readonly Dictionary<LegalBasis, LocalizedText> BasisNames = new()
    {
        [LegalBasis.Consent] = new("uw toestemming (art. 6(1)(a) AVG)", "votre consentement (art. 6(1)(a) RGPD)", "your consent (Art. 6(1)(a) GDPR)"),
        [LegalBasis.Contract] = new("de (voorbereiding van de) overeenkomst (art. 6(1)(b) AVG)", "le contrat ou sa préparation (art. 6(1)(b) RGPD)", "the contract or steps before it (Art. 6(1)(b) GDPR)"),
        [LegalBasis.LegalObligation] = new("een wettelijke verplichting (art. 6(1)(c) AVG)", "une obligation légale (art. 6(1)(c) RGPD)", "a legal obligation (Art. 6(1)(c) GDPR)"),
        [LegalBasis.VitalInterests] = new("vitale belangen (art. 6(1)(d) AVG)", "des intérêts vitaux (art. 6(1)(d) RGPD)", "vital interests (Art. 6(1)(d) GDPR)"),
        [LegalBasis.PublicTask] = new("een taak van algemeen belang (art. 6(1)(e) AVG)", "une mission d'intérêt public (art. 6(1)(e) RGPD)", "a task in the public interest (Art. 6(1)(e) GDPR)"),
        [LegalBasis.LegitimateInterests] = new("ons gerechtvaardigd belang (art. 6(1)(f) AVG)", "notre intérêt légitime (art. 6(1)(f) RGPD)", "our legitimate interests (Art. 6(1)(f) GDPR)"),
    };

    public static LocalizedText Set(RecordSet set) => SetNames[set];

    public static LocalizedText Basis(LegalBasis basis) => BasisNames[basis];

    public static LocalizedText Purpose(ProcessingPurpose purpose) => new(
        Or(purpose.NameNl, purpose.Code), Or(purpose.NameFr, purpose.Code), Or(purpose.NameEn, purpose.Code));

    public static LocalizedText NoPurpose { get; } = new("geen geregistreerd doeleinde", "aucune finalité enregistrée", "no registered purpose");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Builds a text from one function applied to each language; keeps templates side by side.</summary>
    public static LocalizedText Compose(Func<Lang, string> text) => new(text(Lang.Nl), text(Lang.Fr), text(Lang.En));

    public static LocalizedText Join(params LocalizedText?[] parts)
    {
        var present = parts.Where(p => p is not null).Select(p => p!).ToList();
        return new LocalizedText(
            string.Join(" ", present.Select(p => p.Nl).Where(s => s.Length > 0)),
            string.Join(" ", present.Select(p => p.Fr).Where(s => s.Length > 0)),
            string.Join(" ", present.Select(p => p.En).Where(s => s.Length > 0)));
    }

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"5 years", "5 jaar", "5 ans"; "1 year 6 months" etc.</summary>
    public static LocalizedText Period(IsoPeriod period)
    {
        var parts = new List<LocalizedText>();
        if (period.Years > 0)
        {
            parts.Add(Unit(period.Years, ("jaar", "jaar"), ("an", "ans"), ("year", "years")));
        }

        if (period.Months > 0)
        {
            parts.Add(Unit(period.Months, ("maand", "maanden"), ("mois", "mois"), ("month", "months")));
        }

        if (period.Days > 0 || parts.Count == 0)
        {
            parts.Add(Unit(period.Days, ("dag", "dagen"), ("jour", "jours"), ("day", "days")));
        }

        return Join([.. parts]);
    }

    /// <summary>The event a retention rule counts from, for "until … after …" sentences (15(1)(d)).</summary>
    public static LocalizedText Anchor(RetentionAnchor anchor) => anchor switch
    {
        RetentionAnchor.Collected => new("het verzamelen", "la collecte", "collection"),
        RetentionAnchor.ConsentGiven => new("het geven van uw toestemming", "l'octroi de votre consentement", "you gave consent"),
        RetentionAnchor.ConsentWithdrawn => new("de intrekking van uw toestemming", "le retrait de votre consentement", "you withdraw consent"),
        RetentionAnchor.LastActivity => new("uw laatste activiteit bij ons", "votre dernière activité chez nous", "your last activity with us"),
        RetentionAnchor.EndOfCareer => new("het einde van uw loopbaan bij ons", "la fin de votre carrière chez nous", "the end of your career with us"),
        RetentionAnchor.LastWorkingDay => new("uw laatste werkdag", "votre dernier jour de travail", "your last working day"),
        RetentionAnchor.ContractEnd => new("het einde van uw laatste contract", "la fin de votre dernier contrat", "the end of your last contract"),
        RetentionAnchor.CaseClosed => new("het afsluiten van het dossier", "la clôture du dossier", "the case is closed"),
        RetentionAnchor.TaxablePeriodEnd => new("het einde van het belastbaar tijdperk", "la fin de la période imposable", "the end of the taxable period"),
        RetentionAnchor.FinancialYearClosed => new("de afsluiting van het boekjaar", "la clôture de l'exercice", "the financial year is closed"),
        _ => throw new ArgumentOutOfRangeException(nameof(anchor), anchor, null),
    };

    /// <summary>What statute keeps a record set, in words a person understands (N1).</summary>
    public static LocalizedText Statute(RecordSet set, string citation) => set switch
    {
        RecordSet.PayrollRecords or RecordSet.Assignments => new(
            "de Belgische socialezekerheidswetgeving (KB van 8 augustus 1980 over de sociale documenten) dat vereist",
            "la législation belge de sécurité sociale (AR du 8 août 1980 relatif aux documents sociaux) l'exige",
            "Belgian social-security law (Royal Decree of 8 August 1980 on social documents) requires it"),
        RecordSet.TaxRecords => new(
            "de Belgische fiscale wetgeving (art. 315 WIB 1992) dat vereist",
            "la législation fiscale belge (art. 315 CIR 1992) l'exige",
            "Belgian tax law (Income Tax Code 1992, art. 315) requires it"),
        _ => new(
            $"een wettelijke bewaarplicht dat vereist{Cite(citation)}",
            $"une obligation légale de conservation l'exige{Cite(citation)}",
            $"a statutory retention duty requires it{Cite(citation)}"),
    };

    private static string Cite(string citation) => string.IsNullOrWhiteSpace(citation) ? "" : $" ({citation.Trim()})";

    private static LocalizedText Unit(int n, (string One, string Many) nl, (string One, string Many) fr, (string One, string Many) en)
    {
        var number = n.ToString(CultureInfo.InvariantCulture);
        return new($"{number} {(n == 1 ? nl.One : nl.Many)}", $"{number} {(n == 1 ? fr.One : fr.Many)}", $"{number} {(n == 1 ? en.One : en.Many)}");
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    /// <summary>OB-2, ER-2: what the DPO's recorded balancing for a purpose says, in the plan and the answer; null when none was recorded.</summary>
    public static LocalizedText? BalancingText(PlanInput input, string purposeCode)
    {
        if (!input.Balancings.TryGetValue(purposeCode, out var b))
            return null;
        var on = Iso(b.RecordedOn);
        return b.Compelling
            ? new LocalizedText(
                $"Afweging van de DPO van {on}: {b.Grounds}",
                $"Mise en balance du DPO du {on} : {b.Grounds}",
                $"The DPO's balancing of {on}: {b.Grounds}")
            : new LocalizedText(
                $"De DPO heeft op {on} de afweging gemaakt en geen dwingende gerechtvaardigde gronden gevonden die zwaarder wegen dan uw belangen.",
                $"Le DPO a fait la mise en balance le {on} et n'a trouvé aucun motif légitime impérieux qui prévaut sur vos intérêts.",
                $"The DPO weighed this on {on} and found no compelling legitimate grounds that override your interests.");
    }
}
