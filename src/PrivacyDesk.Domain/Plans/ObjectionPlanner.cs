using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Processing;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// Art. 21 (OB-*) and Art. 7(3) (CW-*): both stop purposes; the data then go unless another purpose
/// that is not stopped still keeps them (OB-2, CW-2) or a legal hold covers them (LH-3).
/// </summary>
internal static class ObjectionPlanner
{
    /// <summary>Why a record of a stopped purpose survives: a purpose that keeps it, until when.</summary>
    private readonly record struct Survival(bool Kept, DateOnly? Until, string KeptFor, string? Hold);

    public static void PlanObjection(PlanContext ctx)
    {
        var input = ctx.Input;
        var marketing = input.MarketingObjection ? ctx.Purposes.Where(p => p.IsMarketing).ToList() : [];

        // OB-3: a marketing objection alone does not object to anything else and never erases the file.
        var scope = input.ObjectionPurposeCodes is { } codes
            ? PlanEngine.WithCodes(ctx.Purposes, codes)
            : input.MarketingObjection
                ? []
                : ctx.Purposes.Where(IsObjectable).ToList();
        ReportUnknownCodes(ctx, input.ObjectionPurposeCodes);

        // OB-2: upheld unless the DPO demonstrated compelling grounds for that purpose (the burden is on the controller).
        var upheld = scope.Where(IsObjectable).Where(p => !marketing.Contains(p) && !input.HasCompellingGrounds(p.Code)).ToList();
        var stopped = marketing.Concat(upheld).ToHashSet();

        foreach (var purpose in ctx.Purposes)
        {
            var p = Purpose(purpose);
            if (marketing.Contains(purpose))
            {
                foreach (var set in SetsToAnswer(ctx, purpose))
                {
                    ctx.Add(purpose, set, ctx.Data.For(purpose, set), new Verdict(PlanOutcome.StopProcessing, null, "Art. 21(2) and 21(3) GDPR", "OB-3", new LocalizedText(
                        $"Direct marketing ('{p.Nl}') stopt vanaf de registratie van uw bezwaar, zonder uitzondering. We bewaren enkel een blokkeringsregel zodat u geen marketing meer ontvangt; uw andere gegevens worden hierdoor niet gewist.",
                        $"Le marketing direct (« {p.Fr} ») s'arrête dès l'enregistrement de votre opposition, sans exception. Nous gardons seulement une entrée de blocage pour que vous ne receviez plus de marketing ; vos autres données ne sont pas effacées pour autant.",
                        $"Direct marketing ('{p.En}') stops from the moment your objection is registered, without exception. We keep only a suppression entry so you receive no more marketing; this does not erase your other data.")));
                }

                continue;
            }

            if (!scope.Contains(purpose))
            {
                continue;
            }

            if (!IsObjectable(purpose))
            {
                foreach (var set in SetsToAnswer(ctx, purpose))
                {
                    ctx.Add(purpose, set, ctx.Data.For(purpose, set), new Verdict(PlanOutcome.NotApplicable, null, "Art. 21(1) GDPR", "OB-4", NotObjectable(purpose)));
                }

                continue;
            }

            var hold = ctx.HoldFor(purpose.Code);
            foreach (var set in SetsToAnswer(ctx, purpose))
            {
                var items = ctx.Data.For(purpose, set);
                var s = Set(set);
                var balancing = BalancingText(input, purpose.Code);
                if (input.HasCompellingGrounds(purpose.Code))
                {
                    ctx.Add(purpose, set, items, new Verdict(PlanOutcome.Keep, null, "Art. 21(1) GDPR", "OB-2", Join(new LocalizedText(
                        $"Uit de afweging van de DPO blijken dwingende gerechtvaardigde gronden voor '{p.Nl}' die zwaarder wegen dan uw belangen; de verwerking van {s.Nl} gaat daarom door. Tijdens het onderzoek van uw bezwaar was ze beperkt (RS-7). U kunt klacht indienen bij de Gegevensbeschermingsautoriteit of naar de rechter stappen.",
                        $"La mise en balance faite par le DPO a établi, pour « {p.Fr} », des motifs légitimes impérieux qui prévalent sur vos intérêts ; le traitement de {s.Fr} continue donc. Il était limité pendant l'examen de votre opposition (RS-7). Vous pouvez introduire une plainte auprès de l'Autorité de protection des données ou saisir la justice.",
                        $"The DPO's balancing found compelling legitimate grounds for '{p.En}' that override your interests, so processing of {s.En} continues. It was restricted while your objection was assessed (RS-7). You may complain to the Data Protection Authority or go to court."), balancing)));
                    continue;
                }

                ctx.Add(purpose, set, items, new Verdict(PlanOutcome.StopProcessing, null, "Art. 21(1) GDPR", "OB-2", Join(new LocalizedText(
                    $"Uw bezwaar wordt aanvaard: we stoppen de verwerking van {s.Nl} voor '{p.Nl}'.",
                    $"Votre opposition est acceptée : nous cessons de traiter {s.Fr} pour « {p.Fr} ».",
                    $"Your objection is upheld: we stop processing {s.En} for '{p.En}'."), balancing)));
                AddDataFate(ctx, purpose, set, items, hold, stopped, "Art. 17(1)(c) GDPR", "OB-2");
            }
        }

        if (marketing.Count > 0)
        {
            ctx.Notice(new LocalizedText(
                "De verwerkers die marketing versturen, worden binnen 2 werkdagen op de hoogte gebracht (CLK-DM).",
                "Les sous-traitants qui envoient le marketing sont informés dans les 2 jours ouvrables (CLK-DM).",
                "The processors that send marketing are told within 2 working days (CLK-DM)."));
        }
    }

    public static void PlanConsentWithdrawal(PlanContext ctx)
    {
        var input = ctx.Input;
        var scope = input.ConsentPurposeCodes is { } codes
            ? PlanEngine.WithCodes(ctx.Purposes, codes)
            : ctx.Purposes.Where(p => p.LegalBasis == LegalBasis.Consent).ToList();
        ReportUnknownCodes(ctx, input.ConsentPurposeCodes);
        var stopped = scope.Where(p => p.LegalBasis == LegalBasis.Consent).ToHashSet();

        foreach (var purpose in scope)
        {
            var p = Purpose(purpose);
            if (purpose.LegalBasis != LegalBasis.Consent)
            {
                var b = Basis(purpose.LegalBasis);
                foreach (var set in SetsToAnswer(ctx, purpose))
                {
                    ctx.Add(purpose, set, ctx.Data.For(purpose, set), new Verdict(PlanOutcome.NotApplicable, null, "Art. 7(3) GDPR", "CW-2", new LocalizedText(
                        $"'{p.Nl}' berust niet op uw toestemming maar op {b.Nl}; er is dus geen toestemming in te trekken. Andere rechten (inzage, rectificatie, wissing, bezwaar waar van toepassing) blijven beschikbaar.",
                        $"« {p.Fr} » ne repose pas sur votre consentement mais sur {b.Fr} ; il n'y a donc pas de consentement à retirer. Vos autres droits (accès, rectification, effacement, opposition le cas échéant) restent disponibles.",
                        $"'{p.En}' is not based on your consent but on {b.En}, so there is no consent to withdraw. Your other rights (access, rectification, erasure, objection where it applies) remain available.")));
                }

                continue;
            }

            var hold = ctx.HoldFor(purpose.Code);
            var marketingRule = purpose.IsMarketing ? "CW-6" : "CW-2";
            foreach (var set in SetsToAnswer(ctx, purpose))
            {
                var items = ctx.Data.For(purpose, set);
                var s = Set(set);
                ctx.Add(purpose, set, items, new Verdict(PlanOutcome.StopProcessing, null, purpose.IsMarketing ? "Art. 7(3) and 21(2) GDPR" : "Art. 7(3) GDPR", marketingRule, Join(new LocalizedText(
                    $"De verwerking van {s.Nl} voor '{p.Nl}' op basis van uw toestemming stopt vanaf {Iso(ctx.Today)}; wat vóór de intrekking gebeurde, blijft rechtmatig.",
                    $"Le traitement de {s.Fr} pour « {p.Fr} » fondé sur votre consentement cesse à partir du {Iso(ctx.Today)} ; ce qui a eu lieu avant le retrait reste licite.",
                    $"Processing of {s.En} for '{p.En}' on the basis of your consent stops from {Iso(ctx.Today)}; what happened before the withdrawal remains lawful."),
                    purpose.IsMarketing ? new LocalizedText(
                        "Dit geldt ook als bezwaar tegen direct marketing (art. 21(2) AVG).",
                        "Ce retrait vaut aussi opposition au marketing direct (art. 21(2) RGPD).",
                        "This also counts as an objection to direct marketing (Art. 21(2) GDPR).") : null)));

                if (set == RecordSet.Consents)
                {
                    ctx.Add(purpose, set, items, new Verdict(PlanOutcome.Keep, null, "Art. 7(1) and 5(2) GDPR", "CW-3", new LocalizedText(
                        "We bewaren een minimaal bewijs van uw toestemming en van de intrekking ervan (datum, kanaal, reikwijdte), zodat we kunnen aantonen dat we uw keuze respecteren.",
                        "Nous gardons une preuve minimale de votre consentement et de son retrait (date, canal, portée), afin de pouvoir démontrer que nous respectons votre choix.",
                        "We keep minimal proof of your consent and of its withdrawal (date, channel, scope) so that we can show we respect your choice.")));
                    continue;
                }

                AddDataFate(ctx, purpose, set, items, hold, stopped, "Art. 17(1)(b) GDPR", "CW-2");
            }
        }

        if (stopped.Count > 0)
        {
            ctx.Notice(new LocalizedText(
                "Verwerkers en bedrijven die uw gegevens op basis van deze toestemming ontvingen, worden op de hoogte gebracht (art. 19 AVG, CW-4).",
                "Les sous-traitants et entreprises qui ont reçu vos données sur la base de ce consentement sont informés (art. 19 RGPD, CW-4).",
                "Processors and companies that received your data on the basis of this consent are told (Art. 19 GDPR, CW-4)."));
        }
    }

    /// <summary>OB-2 / CW-2: erased when needed for no other purpose; else kept only for the purposes that keep them.</summary>
    private static void AddDataFate(PlanContext ctx, ProcessingPurpose purpose, RecordSet set, IReadOnlyList<RecordRef> items,
        LegalHold? hold, HashSet<ProcessingPurpose> stopped, string erasedArticle, string ruleId)
    {
        var s = Set(set);
        var p = Purpose(purpose);
        if (items.Count == 0)
        {
            return;
        }

        if (hold is not null)
        {
            ctx.Add(purpose, set, items, new Verdict(PlanOutcome.KeepRestrictedUntil, null, "Art. 17(3)(e) and 21(1) GDPR", "LH-3", new LocalizedText(
                $"We bewaren {s.Nl} tot de juridische bewaring {hold.Reference} wordt opgeheven: ze zijn nodig voor een rechtsvordering en worden intussen enkel daarvoor gebruikt.",
                $"Nous conservons {s.Fr} jusqu'à la levée du gel juridique {hold.Reference} : ces données sont nécessaires à des droits en justice et ne servent entre-temps qu'à cette fin.",
                $"{Capitalize(s.En)} are kept until legal hold {hold.Reference} is lifted: they are needed for a legal claim and are used only for that meanwhile."), hold.Reference));
            return;
        }

        var gone = ctx.ErasureOf(set) == ErasureMethod.Anonymise ? PlanOutcome.Anonymise : PlanOutcome.Erase;
        ctx.AddLines(purpose, set, items, item => Survive(ctx, purpose, set, item, stopped), survival =>
        {
            if (!survival.Kept)
            {
                return new Verdict(gone, null, erasedArticle, ruleId, new LocalizedText(
                    $"{Capitalize(s.Nl)} zijn voor geen ander doeleinde nodig; {(gone == PlanOutcome.Anonymise ? "we anonimiseren ze onomkeerbaar" : "we wissen ze")}.",
                    $"{Capitalize(s.Fr)} ne sont nécessaires à aucune autre finalité ; {(gone == PlanOutcome.Anonymise ? "nous les anonymisons de manière irréversible" : "nous les effaçons")}.",
                    $"{Capitalize(s.En)} are needed for no other purpose, so they are {(gone == PlanOutcome.Anonymise ? "anonymised irreversibly" : "erased")}."));
            }

            var keptFor = Names(ctx, survival.KeptFor);
            var until = survival.Until is { } u
                ? new LocalizedText($"tot en met {Iso(u)}", $"jusqu'au {Iso(u)}", $"until {Iso(u)}")
                : new LocalizedText("zolang dat doeleinde ze nodig heeft", "tant que cette finalité en a besoin", "as long as that purpose needs them");
            return new Verdict(PlanOutcome.KeepRestrictedUntil, survival.Until, "Art. 17(3) and 18(2) GDPR", ruleId, new LocalizedText(
                $"{Capitalize(s.Nl)} zijn ook nodig voor {keptFor.Nl}; we bewaren ze enkel daarvoor, {until.Nl}, en gebruiken ze niet meer voor '{p.Nl}'.",
                $"{Capitalize(s.Fr)} sont aussi nécessaires pour {keptFor.Fr} ; nous les conservons uniquement à cette fin, {until.Fr}, et ne les utilisons plus pour « {p.Fr} ».",
                $"{Capitalize(s.En)} are also needed for {keptFor.En}; they are kept only for that, {until.En}, and no longer used for '{p.En}'."), survival.Hold);
        });
    }

    /// <summary>Does a purpose that is not stopped still keep this record (RET-7), and until when?</summary>
    private static Survival Survive(PlanContext ctx, ProcessingPurpose stoppedPurpose, RecordSet set, RecordRef item, HashSet<ProcessingPurpose> stopped)
    {
        var keptFor = new List<string>();
        DateOnly? latest = null;
        var openEnded = false;
        string? holdRef = null;
        foreach (var other in ctx.Purposes)
        {
            if (other == stoppedPurpose || stopped.Contains(other) || !other.RecordSets.Contains(set) || !Processes(ctx, other, item))
            {
                continue;
            }

            if (ctx.HoldFor(other.Code) is { } hold)
            {
                keptFor.Add(other.Code);
                openEnded = true;
                holdRef ??= hold.Reference;
                continue;
            }

            var retention = ctx.Retention(other, set, item, _ => true);
            if (retention is { Expired: true })
            {
                continue;
            }

            keptFor.Add(other.Code);
            if (retention is { Known: true } r && !openEnded)
            {
                latest = latest is null || r.KeepUntil > latest ? r.KeepUntil : latest;
            }
            else
            {
                openEnded = true;
            }
        }

        return keptFor.Count == 0
            ? new Survival(false, null, "", null)
            : new Survival(true, openEnded ? null : latest, string.Join("\n", keptFor), holdRef);
    }

    /// <summary>A consent purpose processes a record only while its consent is active (CW-2: no switching basis).</summary>
    private static bool Processes(PlanContext ctx, ProcessingPurpose purpose, RecordRef item)
    {
        if (purpose.LegalBasis != LegalBasis.Consent)
        {
            return true;
        }

        if (item.Record is Consent consent && consent.PurposeCode != purpose.Code)
        {
            return false;
        }

        return ctx.Data.Candidate.Consents.Any(c => c.PurposeCode == purpose.Code && c.IsActive);
    }

    /// <summary>The purposes that keep a record, named in each language ("'a', 'b'").</summary>
    private static LocalizedText Names(PlanContext ctx, string codes)
    {
        var names = codes.Split('\n').Select(code => Purpose(ctx.Purposes.First(p => p.Code == code))).ToList();
        return new LocalizedText(
            string.Join(", ", names.Select(n => $"'{n.Nl}'")),
            string.Join(", ", names.Select(n => $"« {n.Fr} »")),
            string.Join(", ", names.Select(n => $"'{n.En}'")));
    }

    private static bool IsObjectable(ProcessingPurpose purpose) =>
        purpose.LegalBasis is LegalBasis.LegitimateInterests or LegalBasis.PublicTask;

    /// <summary>Sets with records; a purpose without any still gets one line so the person's request is answered.</summary>
    private static IEnumerable<RecordSet> SetsToAnswer(PlanContext ctx, ProcessingPurpose purpose)
    {
        var sets = purpose.RecordSets.Distinct().Where(s => ctx.Data.For(purpose, s).Count > 0).ToList();
        return sets.Count > 0 || purpose.RecordSets.Count == 0 ? sets : [purpose.RecordSets[0]];
    }

    private static LocalizedText NotObjectable(ProcessingPurpose purpose)
    {
        var p = Purpose(purpose);
        return purpose.LegalBasis switch
        {
            LegalBasis.Consent => new LocalizedText(
                $"'{p.Nl}' berust op uw toestemming; bezwaar is daar niet van toepassing, maar u kunt uw toestemming op elk moment intrekken (art. 7(3) AVG).",
                $"« {p.Fr} » repose sur votre consentement ; l'opposition ne s'applique pas, mais vous pouvez retirer votre consentement à tout moment (art. 7(3) RGPD).",
                $"'{p.En}' is based on your consent; objection does not apply, but you can withdraw your consent at any time (Art. 7(3) GDPR)."),
            LegalBasis.Contract => new LocalizedText(
                $"'{p.Nl}' is nodig voor uw overeenkomst of sollicitatie; bezwaar is daar niet van toepassing. U kunt wissing vragen zodra de gegevens niet meer nodig zijn (art. 17 AVG).",
                $"« {p.Fr} » est nécessaire à votre contrat ou à votre candidature ; l'opposition ne s'applique pas. Vous pouvez demander l'effacement dès que les données ne sont plus nécessaires (art. 17 RGPD).",
                $"'{p.En}' is needed for your contract or application; objection does not apply. You can ask for erasure once the data are no longer needed (Art. 17 GDPR)."),
            LegalBasis.LegalObligation => new LocalizedText(
                $"'{p.Nl}' is door de wet verplicht; bezwaar is daar niet van toepassing. U kunt de gegevens inzien en laten verbeteren (art. 15 en 16 AVG).",
                $"« {p.Fr} » est imposé par la loi ; l'opposition ne s'applique pas. Vous pouvez accéder aux données et les faire rectifier (art. 15 et 16 RGPD).",
                $"'{p.En}' is required by law; objection does not apply. You can access the data and have them corrected (Art. 15 and 16 GDPR)."),
            _ => new LocalizedText(
                $"'{p.Nl}' dient om uw vitale belangen te beschermen; bezwaar is daar niet van toepassing. U kunt wissing vragen zodra de gegevens niet meer nodig zijn.",
                $"« {p.Fr} » sert à protéger vos intérêts vitaux ; l'opposition ne s'applique pas. Vous pouvez demander l'effacement dès que les données ne sont plus nécessaires.",
                $"'{p.En}' protects your vital interests; objection does not apply. You can ask for erasure once the data are no longer needed."),
        };
    }

    private static void ReportUnknownCodes(PlanContext ctx, IReadOnlyList<string>? codes)
    {
        var unknown = (codes ?? []).Where(c => ctx.Purposes.All(p => p.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            var list = string.Join(", ", unknown);
            ctx.Notice(new LocalizedText(
                $"Onbekende doeleinden in het verzoek: {list}. De DPO verduidelijkt ze met u.",
                $"Finalités inconnues dans la demande : {list}. Le DPO les clarifie avec vous.",
                $"Unknown purposes in the request: {list}. The DPO will clarify them with you."));
        }
    }
}
