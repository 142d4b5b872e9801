using PrivacyDesk.Domain.Processing;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Art. 20 (PO-1, PO-2, PO-5): provided or observed data of consent/contract purposes; nothing erased.</summary>
internal static class PortabilityPlanner
{
    /// <summary>PO-2: observed from the person's use of the service (assignments, applications, consents given).</summary>
    private static readonly HashSet<RecordSet> Observed = [RecordSet.Assignments, RecordSet.Applications, RecordSet.Consents];

    /// <summary>PO-2: derived by the agency or about third parties (20(4)), never portable whatever the annotations say.</summary>
    private static readonly HashSet<RecordSet> NeverPortable = [RecordSet.InterviewNotes, RecordSet.Evaluations, RecordSet.EmergencyContacts];

    public static void Plan(PlanContext ctx)
    {
        foreach (var purpose in ctx.Purposes)
        {
            foreach (var set in purpose.RecordSets.Distinct())
            {
                var items = ctx.Data.For(purpose, set);
                if (items.Count > 0)
                {
                    ctx.Add(purpose, set, items, Decide(ctx, purpose, set));
                }
            }
        }

        ctx.Notice(new LocalizedText(
            "U ontvangt de gegevens in een gestructureerd, machineleesbaar formaat (JSON en CSV, UTF-8, datums volgens ISO 8601) met de geüploade documenten in hun oorspronkelijke formaat. Overdraagbaarheid wist niets en wijzigt geen bewaartermijn (PO-5).",
            "Vous recevez les données dans un format structuré et lisible par machine (JSON et CSV, UTF-8, dates ISO 8601), avec les documents téléversés dans leur format d'origine. La portabilité n'efface rien et ne modifie aucune durée de conservation (PO-5).",
            "You receive the data in a structured, machine-readable format (JSON and CSV, UTF-8, ISO 8601 dates), with uploaded documents in their original format. Portability erases nothing and changes no retention period (PO-5)."));
    }

    private static Verdict Decide(PlanContext ctx, ProcessingPurpose purpose, RecordSet set)
    {
        var s = Set(set);
        var p = Purpose(purpose);
        var b = Basis(purpose.LegalBasis);
        var access = new LocalizedText(
            "U kunt ze wel krijgen via een verzoek om inzage (art. 15 AVG).",
            "Vous pouvez toutefois les obtenir par une demande d'accès (art. 15 RGPD).",
            "You can still get them through an access request (Art. 15 GDPR).");

        if (purpose.LegalBasis is not (LegalBasis.Consent or LegalBasis.Contract))
        {
            var article = purpose.LegalBasis == LegalBasis.PublicTask ? "Art. 20(3) GDPR" : "Art. 20(1) GDPR";
            return new Verdict(PlanOutcome.NotApplicable, null, article, "PO-1", Join(new LocalizedText(
                $"{Capitalize(s.Nl)} voor '{p.Nl}' berusten op {b.Nl}; het recht op overdraagbaarheid geldt enkel voor verwerking op basis van toestemming of overeenkomst.",
                $"{Capitalize(s.Fr)} pour « {p.Fr} » reposent sur {b.Fr} ; le droit à la portabilité ne vaut que pour un traitement fondé sur le consentement ou le contrat.",
                $"{Capitalize(s.En)} for '{p.En}' rest on {b.En}; the right to data portability only covers processing based on consent or a contract."), access));
        }

        if (!purpose.Portable)
        {
            return new Verdict(PlanOutcome.NotApplicable, null, "Art. 20(1)(b) GDPR", "PO-1", Join(new LocalizedText(
                $"De verwerking voor '{p.Nl}' valt niet onder overdraagbaarheid (geen geautomatiseerde verwerking van door u verstrekte gegevens).",
                $"Le traitement pour « {p.Fr} » n'entre pas dans le champ de la portabilité (pas de traitement automatisé de données que vous avez fournies).",
                $"Processing for '{p.En}' is outside portability (no automated processing of data you provided)."), access));
        }

        var profile = ctx.ProfileOf(set);
        if (set == RecordSet.EmergencyContacts)
        {
            return new Verdict(PlanOutcome.NotApplicable, null, "Art. 20(4) GDPR", "PO-2", Join(new LocalizedText(
                $"{Capitalize(s.Nl)} gaan over andere mensen; die gegevens worden niet overgedragen om hun rechten te beschermen.",
                $"{Capitalize(s.Fr)} concernent d'autres personnes ; ces données ne sont pas transmises afin de protéger leurs droits.",
                $"{Capitalize(s.En)} concern other people; they are not ported, to protect those people's rights."), access));
        }

        var observed = Observed.Contains(set);
        if (NeverPortable.Contains(set) || !(observed || profile?.ProvidedBySubject == true))
        {
            return new Verdict(PlanOutcome.NotApplicable, null, "Art. 20(1) GDPR", "PO-2", Join(new LocalizedText(
                $"{Capitalize(s.Nl)} zijn niet door u verstrekt maar door ons opgesteld of afgeleid (zoals notities, evaluaties of scores); ze vallen buiten overdraagbaarheid.",
                $"{Capitalize(s.Fr)} n'ont pas été fournies par vous mais établies ou déduites par nous (notes, évaluations ou scores) ; elles sont hors du champ de la portabilité.",
                $"{Capitalize(s.En)} were not provided by you but created or inferred by us (such as notes, evaluations or scores); they are outside portability."), access));
        }

        var included = observed && profile?.ProvidedBySubject != true
            ? new LocalizedText(
                $"{Capitalize(s.Nl)} ('{p.Nl}') zijn opgenomen in het overdraagbare bestand: ze zijn waargenomen uit uw gebruik van onze diensten.",
                $"{Capitalize(s.Fr)} (« {p.Fr} ») figurent dans le fichier portable : elles sont observées à partir de votre utilisation de nos services.",
                $"{Capitalize(s.En)} ('{p.En}') are included in the portable file: they are observed from your use of our services.")
            : new LocalizedText(
                $"{Capitalize(s.Nl)} die u ons gaf ('{p.Nl}') zijn opgenomen in het overdraagbare bestand.",
                $"{Capitalize(s.Fr)} que vous nous avez fournies (« {p.Fr} ») figurent dans le fichier portable.",
                $"{Capitalize(s.En)} you gave us ('{p.En}') are included in the portable file.");
        return new Verdict(PlanOutcome.Give, null, "Art. 20(1) GDPR", observed && profile?.ProvidedBySubject != true ? "PO-2" : "PO-1",
            Join(included, Excluded(ctx, profile)));
    }

    /// <summary>PO-2: fields left out; the national register number always (the archive never carries it).</summary>
    private static LocalizedText? Excluded(PlanContext ctx, RecordSetProfile? profile)
    {
        if (profile is null || profile.NotPortableFields.Count == 0)
        {
            return null;
        }

        var national = profile.NotPortableFields.Where(IsNationalNumber).ToList();
        var others = profile.NotPortableFields.Where(f => !IsNationalNumber(f)).ToList();
        var parts = new List<LocalizedText>();
        // PO-2: the archive never carries the national register number (PortabilityArchive), so the plan always says so.
        if (national.Count > 0)
        {
            parts.Add(new LocalizedText(
                "Het rijksregisternummer wordt weggelaten: de Belgische wet beperkt het gebruik en de mededeling ervan.",
                "Le numéro de registre national est omis : la loi belge en limite l'utilisation et la communication.",
                "The national register number is left out: Belgian law restricts its use and communication."));
        }

        if (others.Count > 0)
        {
            var list = string.Join(", ", others);
            parts.Add(new LocalizedText($"Weggelaten velden: {list}.", $"Champs omis : {list}.", $"Fields left out: {list}."));
        }

        return parts.Count == 0 ? null : Join([.. parts]);
    }

    private static bool IsNationalNumber(string field) =>
        field.Contains("NationalNumber", StringComparison.OrdinalIgnoreCase)
        || field.Contains("Insz", StringComparison.OrdinalIgnoreCase)
        || field.Contains("Niss", StringComparison.OrdinalIgnoreCase);
}
