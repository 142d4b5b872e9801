using System.Globalization;
using System.Reflection;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Art. 16 (RECT-*): facts are corrected, opinions get the person's statement, statutory records a corrective entry.</summary>
internal static class RectificationPlanner
{
    private static readonly Dictionary<RecordSet, Type> TypeOfSet = new()
    {
        [RecordSet.CandidateProfile] = typeof(Candidate),
        [RecordSet.Applications] = typeof(Application),
        [RecordSet.Documents] = typeof(CandidateDocument),
        [RecordSet.WorkExperience] = typeof(WorkExperience),
        [RecordSet.Education] = typeof(EducationRecord),
        [RecordSet.LanguageSkills] = typeof(LanguageSkill),
        [RecordSet.Assignments] = typeof(Assignment),
        [RecordSet.PayrollRecords] = typeof(PayrollRecord),
        [RecordSet.TaxRecords] = typeof(TaxRecord),
        [RecordSet.InterviewNotes] = typeof(InterviewNote),
        [RecordSet.Evaluations] = typeof(Evaluation),
        [RecordSet.EmergencyContacts] = typeof(EmergencyContact),
        [RecordSet.Consents] = typeof(Consent),
        [RecordSet.ContactMessages] = typeof(ContactMessage),
        [RecordSet.Complaints] = typeof(Complaint),
        [RecordSet.SurveyAnswers] = typeof(SurveyAnswer),
        [RecordSet.Photos] = typeof(Photo),
        [RecordSet.ProfessionalEmails] = typeof(ProfessionalEmail),
        [RecordSet.ClientDisclosures] = typeof(ClientDisclosure),
    };

    /// <summary>Bookkeeping columns are not "personal data the person can correct".</summary>
    private static readonly HashSet<string> Technical = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "CandidateId", "Restricted", "ScheduledErasureOn", "CandidateStatement", "Content", "RedactedExtract",
        "AnonymisedAt", "CreatedAt", "UpdatedAt", "RestrictionNote", "ExternalReference", "Source",
    };

    /// <summary>RECT-3: subjective content of notes and evaluations; their dates and names are facts.</summary>
    private static readonly HashSet<string> OpinionFields = new(StringComparer.OrdinalIgnoreCase) { "Note", "Comment", "Score" };

    /// <summary>RECT-2: data the agency relies on for legal duties or that redirect pay or contact need proof or confirmation.</summary>
    private static readonly HashSet<string> ProofFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "FirstName", "LastName", "DateOfBirth", "NationalNumberEncrypted", "Street", "PostalCode", "City", "Country",
        "Email", "Phone", "BankAccount",
    };

    public static void Plan(PlanContext ctx)
    {
        var items = ctx.Input.Rectifications ?? [];
        if (items.Count == 0)
        {
            ctx.Notice(new LocalizedText(
                "Het verzoek vermeldt geen gegevens om te verbeteren; we vragen u welke gegevens onjuist zijn en wat de juiste waarde is (RECT-1).",
                "La demande ne précise aucune donnée à rectifier ; nous vous demandons quelles données sont inexactes et quelle est la valeur correcte (RECT-1).",
                "The request names no data to correct; we ask you which data are wrong and what the correct value is (RECT-1)."));
            return;
        }

        foreach (var item in items)
        {
            var covering = ctx.Purposes.Where(p => p.RecordSets.Contains(item.RecordSet)).ToList();
            var (ids, verdict) = Decide(ctx, item, covering);
            if (covering.Count == 0 || verdict.Outcome == PlanOutcome.Refuse)
            {
                // A refusal answers the item once, not once per purpose.
                ctx.Add(covering.Count == 0 ? null : covering[0], item.RecordSet, ids, verdict);
                continue;
            }

            // RECT-6: the correction applies to every purpose the data serve (and reaches all their recipients).
            foreach (var purpose in covering)
            {
                ctx.Add(purpose, item.RecordSet, ids, verdict);
            }
        }
    }

    private static (IReadOnlyList<Guid> Ids, Verdict Verdict) Decide(PlanContext ctx, RectificationItem item, IReadOnlyList<ProcessingPurpose> covering)
    {
        var s = Set(item.RecordSet);
        var records = ctx.Data.All(item.RecordSet);
        if (records.Count == 0)
        {
            return ([], Refuse(new LocalizedText(
                $"We hebben geen {s.Nl} over u; er valt dus niets te verbeteren.",
                $"Nous ne détenons pas {s.Fr} vous concernant ; il n'y a donc rien à rectifier.",
                $"We hold no {s.En} about you, so there is nothing to correct.")));
        }

        var property = FindField(item.RecordSet, item.Field);
        if (property is null)
        {
            return ([], Refuse(new LocalizedText(
                $"We vinden geen veld '{item.Field}' in {s.Nl}. Laat ons weten welk gegeven u bedoelt, dan verbeteren we het (RECT-1).",
                $"Nous ne trouvons pas de champ « {item.Field} » dans {s.Fr}. Indiquez-nous quelle donnée vous visez et nous la rectifierons (RECT-1).",
                $"We cannot find a field '{item.Field}' in {s.En}. Tell us which data you mean and we will correct them (RECT-1).")));
        }

        var matching = item.CurrentValue is null
            ? records
            : records.Where(r => Matches(Format(property.GetValue(r.Record ?? (object)ctx.Data.Candidate)), item.CurrentValue)).ToList();
        if (matching.Count == 0)
        {
            return ([], Refuse(new LocalizedText(
                $"We vinden in {s.Nl} geen '{item.Field}' met de waarde '{item.CurrentValue}'. Laat ons weten welk gegeven u bedoelt (RECT-1).",
                $"Nous ne trouvons dans {s.Fr} aucun « {item.Field} » ayant la valeur « {item.CurrentValue} ». Indiquez-nous quelle donnée vous visez (RECT-1).",
                $"We find no '{item.Field}' with the value '{item.CurrentValue}' in {s.En}. Tell us which data you mean (RECT-1).")));
        }

        var ids = matching.Select(r => r.Id).ToList();
        var hold = covering.Select(p => ctx.HoldFor(p.Code)).FirstOrDefault(h => h is not null)
            ?? (covering.Count == 0 ? ctx.HoldFor("") : null);
        var holdNote = hold is null ? null : new LocalizedText(
            $"Er loopt een juridische bewaring ({hold.Reference}): de vorige versie wordt bewaard in het bewijsdossier ervan (LH-3).",
            $"Un gel juridique ({hold.Reference}) est en cours : la version précédente est conservée dans son dossier de preuves (LH-3).",
            $"A legal hold ({hold.Reference}) applies: the previous version is kept in its evidence record (LH-3).");
        var field = property.Name;
        var newValue = item.NewValue;

        if (item.RecordSet is RecordSet.InterviewNotes or RecordSet.Evaluations && OpinionFields.Contains(field))
        {
            return (ids, new Verdict(PlanOutcome.AddStatement, null, "Art. 16 GDPR", "RECT-3", Join(new LocalizedText(
                $"'{field}' in {s.Nl} is een mening die correct werd genoteerd; ze is niet onjuist omdat u het er niet mee eens bent (GBA 79/2023). We voegen uw eigen verklaring eraan toe en tonen die overal waar de notitie gebruikt wordt.",
                $"« {field} » dans {s.Fr} est une appréciation fidèlement consignée ; elle n'est pas inexacte du seul fait que vous la contestez (APD 79/2023). Nous y joignons votre propre déclaration, affichée partout où la note est utilisée.",
                $"'{field}' in {s.En} is an opinion that was recorded faithfully; it is not inaccurate because you disagree with it (GBA 79/2023). We add your own statement next to it and show it wherever the note is used."), holdNote), hold?.Reference));
        }

        var corrected = new LocalizedText(
            $"We verbeteren '{field}' in {s.Nl} naar '{newValue}'.",
            $"Nous rectifions « {field} » dans {s.Fr} en « {newValue} ».",
            $"We correct '{field}' in {s.En} to '{newValue}'.");
        var (rule, extra) = item.RecordSet switch
        {
            RecordSet.PayrollRecords or RecordSet.TaxRecords => ("RECT-5", new LocalizedText(
                "Dat gebeurt met een gedateerde correctieboeking (voor een loonbrief: een verbeterde loonbrief); het origineel blijft leesbaar waar de wet dat vereist.",
                "La rectification se fait par une écriture corrective datée (pour une fiche de paie : une fiche rectificative) ; l'original reste lisible lorsque la loi l'exige.",
                "This is done by a dated corrective entry (for a payslip: a corrective payslip); the original stays readable where the law requires it.")),
            RecordSet.InterviewNotes or RecordSet.Evaluations => ("RECT-3", new LocalizedText(
                "Feitelijke fouten in notities (naam, datum, werkgever) worden verbeterd.",
                "Les erreurs factuelles dans les notes (nom, date, employeur) sont rectifiées.",
                "Factual errors in notes (name, date, employer) are corrected.")),
            _ when ProofFields.Contains(field) => ("RECT-2", new LocalizedText(
                "Omdat we dit gegeven voor wettelijke verplichtingen of voor uw loon en contact gebruiken, vragen we een evenredig bewijs of een bevestiging via het kanaal dat we al kennen.",
                "Comme nous utilisons cette donnée pour des obligations légales ou pour votre paie et vos contacts, nous demandons une preuve proportionnée ou une confirmation par le canal déjà connu.",
                "Because we use this data for legal duties or for your pay and contact, we ask for proportionate proof or a confirmation through the channel we already know.")),
            _ => ("RECT-1", null),
        };
        return (ids, new Verdict(PlanOutcome.Correct, null, "Art. 16 GDPR", rule, Join(corrected, extra, holdNote), hold?.Reference));
    }

    private static Verdict Refuse(LocalizedText reason) => new(PlanOutcome.Refuse, null, "Art. 16 GDPR", "RECT-8", reason);

    private static PropertyInfo? FindField(RecordSet set, string field)
    {
        var name = field.Trim();
        if (name.Equals("NationalNumber", StringComparison.OrdinalIgnoreCase))
        {
            name = nameof(Candidate.NationalNumberEncrypted);
        }

        var property = TypeOfSet[set].GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && !Technical.Contains(property.Name)
            && (property.PropertyType == typeof(string) || property.PropertyType.IsValueType)
            ? property
            : null;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => Iso(d),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool Matches(string? stored, string current) =>
        string.Equals(stored?.Trim(), current.Trim(), StringComparison.OrdinalIgnoreCase);
}
