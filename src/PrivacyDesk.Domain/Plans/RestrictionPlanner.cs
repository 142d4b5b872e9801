using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Requests;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Art. 18 (RS-*): the chosen ground restricts every purpose, ground (d) only LI/public-task ones (RS-6).</summary>
internal static class RestrictionPlanner
{
    public static void Plan(PlanContext ctx)
    {
        var ground = GroundOf(ctx);
        var contested = ground == RestrictionGround.ObjectionPending && ctx.Input.ObjectionPurposeCodes is { } codes
            ? codes.ToHashSet(StringComparer.Ordinal)
            : null;

        foreach (var purpose in ctx.Purposes)
        {
            if (contested is not null && !contested.Contains(purpose.Code))
            {
                continue; // RS-7: only the purposes the pending objection contests
            }

            foreach (var set in purpose.RecordSets.Distinct())
            {
                var items = ctx.Data.For(purpose, set);
                if (items.Count > 0)
                {
                    ctx.Add(purpose, set, items, Decide(ctx, purpose, set, ground, null));
                }
            }
        }

        if (ground != RestrictionGround.ObjectionPending)
        {
            foreach (var set in ctx.UnregisteredSetsWithData())
            {
                ctx.Add(null, set, ctx.Data.All(set), Decide(ctx, null, set, ground, null));
            }
        }

        AddNotices(ctx);
    }

    /// <summary>2.0.8: the fallback restriction covers exactly the data the erasure keeps.</summary>
    public static void PlanFallback(PlanContext ctx, RequestPlan erasure)
    {
        var ground = GroundOf(ctx);
        foreach (var line in erasure.Lines.Where(l => PlanContext.Keeps(l.Outcome)))
        {
            var purpose = ctx.Purposes.FirstOrDefault(p => p.Code == line.PurposeCode);
            var kept = line.KeepUntil is { } k
                ? new LocalizedText($"tot en met {Iso(k)}", $"jusqu'au {Iso(k)}", $"until {Iso(k)}")
                : new LocalizedText("zolang ze bewaard worden", "tant qu'elles sont conservées", "for as long as they are kept");
            var fallback = new LocalizedText(
                $"U vroeg beperking voor het geval wissing niet mogelijk is: deze gegevens blijven bewaard ({kept.Nl}) en worden daarom beperkt (2.0.8).",
                $"Vous avez demandé la limitation au cas où l'effacement ne serait pas possible : ces données restent conservées ({kept.Fr}) et sont donc limitées (2.0.8).",
                $"You asked for restriction in case erasure is not possible: these data stay kept ({kept.En}) and are therefore restricted (2.0.8).");
            var decided = Decide(ctx, purpose, line.RecordSet, ground, line.LegalHoldReference);
            ctx.Add(purpose, line.RecordSet, line.RecordIds, decided.Outcome == PlanOutcome.Restrict
                ? decided with { KeepUntil = line.KeepUntil, RuleId = "2.0.8", Reason = Join(fallback, decided.Reason) }
                : decided);
        }

        if (!erasure.NoDataHeld && !erasure.Lines.Any(l => PlanContext.Keeps(l.Outcome)))
        {
            ctx.Notice(new LocalizedText(
                "Al uw gegevens worden gewist; beperking is daarom niet meer nodig.",
                "Toutes vos données sont effacées ; la limitation n'est donc plus nécessaire.",
                "All your data are erased, so restriction is no longer needed."));
        }

        AddNotices(ctx);
    }

    private static RestrictionGround GroundOf(PlanContext ctx) =>
        ctx.Input.RestrictionGround
        ?? throw PlanEngine.MissingDetail("plan.restriction-ground", "A restriction needs its Art. 18(1) ground.", "RS-1");

    private static Verdict Decide(PlanContext ctx, ProcessingPurpose? purpose, RecordSet set, RestrictionGround ground, string? holdReference)
    {
        var s = Set(set);
        var p = purpose is null ? NoPurpose : Purpose(purpose);
        if (ground == RestrictionGround.ObjectionPending
            && purpose?.LegalBasis is not (LegalBasis.LegitimateInterests or LegalBasis.PublicTask))
        {
            return new Verdict(PlanOutcome.NotApplicable, null, "Art. 18(1)(d) and 21(1) GDPR", "RS-6", new LocalizedText(
                $"'{p.Nl}' berust niet op een gerechtvaardigd belang of een taak van algemeen belang; een lopend bezwaar beperkt {s.Nl} daarom niet. De andere gronden voor beperking blijven mogelijk.",
                $"« {p.Fr} » ne repose ni sur un intérêt légitime ni sur une mission d'intérêt public ; une opposition en cours ne limite donc pas {s.Fr}. Les autres motifs de limitation restent possibles.",
                $"'{p.En}' is not based on legitimate interests or a public task, so a pending objection does not restrict {s.En}. The other grounds for restriction remain available."));
        }

        var (article, why) = ground switch
        {
            RestrictionGround.AccuracyContested => ("Art. 18(1)(a) GDPR", new LocalizedText(
                "tot we de juistheid hebben nagekeken die u betwist (verbeterd of bevestigd)",
                "jusqu'à ce que nous ayons vérifié l'exactitude que vous contestez (rectifiée ou confirmée)",
                "until we have checked the accuracy you contest (corrected or confirmed)")),
            RestrictionGround.UnlawfulProcessing => ("Art. 18(1)(b) GDPR", new LocalizedText(
                "in plaats van wissing, zoals u vroeg, tot u iets anders vraagt; we herbekijken dit elke 12 maanden",
                "au lieu de l'effacement, comme vous l'avez demandé, jusqu'à ce que vous demandiez autre chose ; nous réexaminons ceci tous les 12 mois",
                "instead of erasure, as you asked, until you ask otherwise; we review this every 12 months")),
            RestrictionGround.NeededForLegalClaims => ("Art. 18(1)(c) GDPR", new LocalizedText(
                "omdat u ze nodig hebt voor een rechtsvordering, tot u ons meldt dat die afgelopen is; we herbekijken dit elke 12 maanden",
                "car vous en avez besoin pour des droits en justice, jusqu'à ce que vous nous signaliez que la procédure est terminée ; nous réexaminons ceci tous les 12 mois",
                "because you need them for a legal claim, until you tell us the claim is over; we review this every 12 months")),
            _ => ("Art. 18(1)(d) GDPR", new LocalizedText(
                "tot over uw bezwaar beslist is",
                "jusqu'à ce qu'il soit statué sur votre opposition",
                "until your objection has been decided")),
        };
        var hold = holdReference ?? (purpose is null ? ctx.HoldFor("") : ctx.HoldFor(purpose.Code))?.Reference;
        return new Verdict(PlanOutcome.Restrict, null, article, "RS-1", Join(new LocalizedText(
            $"We beperken de verwerking van {s.Nl} voor '{p.Nl}' {why.Nl}. Intussen worden ze enkel opgeslagen: niet gezocht, gematcht, naar klanten gestuurd, voor marketing of analyse gebruikt.",
            $"Nous limitons le traitement de {s.Fr} pour « {p.Fr} » {why.Fr}. Entre-temps, ces données sont seulement conservées : ni recherchées, ni utilisées pour le matching, l'envoi aux clients, le marketing ou l'analyse.",
            $"We restrict processing of {s.En} for '{p.En}' {why.En}. Meanwhile they are only stored: not searched, matched, sent to clients, or used for marketing or analytics."),
            hold is null ? null : new LocalizedText(
                $"Een juridische bewaring ({hold}) beperkt ze al tot het gebruik voor die vordering (LH-3).",
                $"Un gel juridique ({hold}) les limite déjà à l'usage pour cette procédure (LH-3).",
                $"A legal hold ({hold}) already restricts them to use for that claim (LH-3).")), hold);
    }

    private static void AddNotices(PlanContext ctx)
    {
        if (ctx.Lines.Any(l => l.Outcome == PlanOutcome.Restrict))
        {
            ctx.Notice(new LocalizedText(
                "We verwittigen u minstens 5 werkdagen voordat een beperking wordt opgeheven (art. 18(3) AVG). Ontvangers van uw gegevens worden op de hoogte gebracht (art. 19 AVG).",
                "Nous vous prévenons au moins 5 jours ouvrables avant la levée d'une limitation (art. 18(3) RGPD). Les destinataires de vos données sont informés (art. 19 RGPD).",
                "We tell you at least 5 working days before a restriction is lifted (Art. 18(3) GDPR). Recipients of your data are told (Art. 19 GDPR)."));
        }
    }
}
