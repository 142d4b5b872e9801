using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Art. 15 (ACC-*): everything is given, whatever the legal basis (ACC-8), held data included (LH-3).</summary>
internal static class AccessPlanner
{
    public static void Plan(PlanContext ctx)
    {
        foreach (var purpose in ctx.Purposes)
        {
            foreach (var set in purpose.RecordSets.Distinct())
            {
                var items = ctx.Data.For(purpose, set);
                if (items.Count == 0)
                {
                    continue;
                }

                var (keepUntil, rule) = LineRetention(ctx, purpose, set, items);
                var hold = ctx.HoldFor(purpose.Code);
                var redacted = set == RecordSet.ProfessionalEmails;
                var reason = Join(
                    Included(purpose, set),
                    RetentionSentence(keepUntil, rule, ctx.Today, ctx.Input.Settings.AccessFreezesRetention),
                    hold is null ? null : HeldStillGiven(hold.Reference));
                ctx.Add(purpose, set, items, new Verdict(
                    redacted ? PlanOutcome.GiveRedacted : PlanOutcome.Give,
                    keepUntil,
                    redacted ? "Art. 15(3) and 15(4) GDPR" : "Art. 15(1) and 15(3) GDPR",
                    redacted ? "ACC-6" : "ACC-4",
                    reason,
                    hold?.Reference,
                    rule?.Code));
            }
        }

        foreach (var set in ctx.UnregisteredSetsWithData())
        {
            ctx.Add(null, set, ctx.Data.All(set), new Verdict(PlanOutcome.Give, null, "Art. 15(1) and 15(3) GDPR", "ACC-8", Compose(l => l switch
            {
                Lang.Nl => $"{Capitalize(Set(set).Nl)} zijn in uw kopie opgenomen. Ze zijn aan geen geregistreerd doeleinde gekoppeld; de DPO onderzoekt waarom we ze hebben.",
                Lang.Fr => $"{Capitalize(Set(set).Fr)} figurent dans votre copie. Elles ne sont liées à aucune finalité enregistrée ; le DPO examine pourquoi nous les détenons.",
                _ => $"{Capitalize(Set(set).En)} are included in your copy. They are linked to no registered purpose; the DPO is reviewing why we hold them.",
            })));
        }

        if (ctx.Input.Settings.AccessFreezesRetention)
        {
            ctx.Notice(new LocalizedText(
                "Zolang uw inzageverzoek loopt, wissen we geen gegevens waarvan de bewaartermijn afloopt; ze worden gewist nadat u het antwoord hebt ontvangen (ACC-3).",
                "Tant que votre demande d'accès est en cours, nous n'effaçons aucune donnée dont la durée de conservation expire ; elles seront effacées après l'envoi de la réponse (ACC-3).",
                "While your access request is open, we delete no data whose retention period ends; they are deleted after you have received the answer (ACC-3)."));
        }
    }

    /// <summary>15(1)(d): the latest expiry over the line's records; unknown (null) if any record's expiry is not known yet.</summary>
    private static (DateOnly? KeepUntil, RetentionRule? Rule) LineRetention(PlanContext ctx, ProcessingPurpose purpose, RecordSet set, IReadOnlyList<RecordRef> items)
    {
        RetentionVerdict? line = null;
        foreach (var item in items)
        {
            if (ctx.Retention(purpose, set, item, _ => true) is not { } v)
            {
                return (null, null);
            }

            if (line is not { } l || (l.Known && (!v.Known || v.KeepUntil > l.KeepUntil)))
            {
                line = v;
            }
        }

        return line is { } r ? (r.KeepUntil, r.Rule) : (null, null);
    }

    private static LocalizedText Included(ProcessingPurpose purpose, RecordSet set)
    {
        var p = Purpose(purpose);
        var b = Basis(purpose.LegalBasis);
        return set switch
        {
            RecordSet.ProfessionalEmails => Compose(l => l switch
            {
                Lang.Nl => $"{Capitalize(Set(set).Nl)} ('{p.Nl}', op basis van {b.Nl}) zijn opgenomen na een nazicht op gegevens van anderen: persoonsgegevens van andere mensen en vertrouwelijke bedrijfsinformatie worden enkel afgeschermd waar bekendmaking hen zou schaden (art. 15(4) AVG). U krijgt uittreksels of afgeschermde kopieën.",
                Lang.Fr => $"{Capitalize(Set(set).Fr)} (« {p.Fr} », sur la base de {b.Fr}) sont inclus après un examen des données de tiers : les données d'autres personnes et les informations commerciales confidentielles ne sont masquées que si leur communication leur porterait atteinte (art. 15(4) RGPD). Vous recevez des extraits ou des copies caviardées.",
                _ => $"{Capitalize(Set(set).En)} ('{p.En}', based on {b.En}) are included after a redaction review of other people's data: other people's personal data and confidential business information are blacked out only where disclosure would harm them (Art. 15(4) GDPR). You receive extracts or redacted copies.",
            }),
            RecordSet.InterviewNotes or RecordSet.Evaluations => Compose(l => l switch
            {
                Lang.Nl => $"{Capitalize(Set(set).Nl)} ('{p.Nl}', op basis van {b.Nl}) zijn opgenomen: meningen over u zijn ook uw persoonsgegevens (HvJ C-434/16, Nowak).",
                Lang.Fr => $"{Capitalize(Set(set).Fr)} (« {p.Fr} », sur la base de {b.Fr}) sont incluses : les appréciations vous concernant sont aussi vos données personnelles (CJUE C-434/16, Nowak).",
                _ => $"{Capitalize(Set(set).En)} ('{p.En}', based on {b.En}) are included: opinions about you are your personal data too (CJEU C-434/16, Nowak).",
            }),
            _ => Compose(l => l switch
            {
                Lang.Nl => $"{Capitalize(Set(set).Nl)} ('{p.Nl}', op basis van {b.Nl}) zijn in uw kopie opgenomen.",
                Lang.Fr => $"{Capitalize(Set(set).Fr)} (« {p.Fr} », sur la base de {b.Fr}) figurent dans votre copie.",
                _ => $"{Capitalize(Set(set).En)} ('{p.En}', based on {b.En}) are included in your copy.",
            }),
        };
    }

    private static LocalizedText RetentionSentence(DateOnly? keepUntil, RetentionRule? rule, DateOnly today, bool frozen)
    {
        if (keepUntil is { } date)
        {
            var kept = Compose(l => l switch
            {
                Lang.Nl => $"Bewaartermijn: tot en met {Iso(date)}.",
                Lang.Fr => $"Durée de conservation : jusqu'au {Iso(date)} inclus.",
                _ => $"Retention: until {Iso(date)} inclusive.",
            });
            if (today <= date)
            {
                return kept;
            }

            return Join(kept, frozen
                ? new LocalizedText(
                    "Die termijn is verstreken; de wissing wacht tot u dit antwoord hebt ontvangen (ACC-3).",
                    "Cette durée est écoulée ; l'effacement attend l'envoi de cette réponse (ACC-3).",
                    "That period has ended; deletion waits until you have received this answer (ACC-3).")
                : new LocalizedText(
                    "Die termijn is verstreken; de gegevens worden binnenkort gewist.",
                    "Cette durée est écoulée ; les données seront effacées prochainement.",
                    "That period has ended; the data will be deleted shortly."));
        }

        if (rule is null)
        {
            return new LocalizedText(
                "Voor dit doeleinde is geen bewaartermijn geregistreerd; de DPO legt er een vast.",
                "Aucune durée de conservation n'est enregistrée pour cette finalité ; le DPO en fixe une.",
                "No retention period is registered for this purpose; the DPO is setting one.");
        }

        var terms = rule.ToTerms();
        var anchor = Anchor(terms.Anchor);
        var period = Period(terms.Period);
        var zero = terms.Period == Deadlines.IsoPeriod.Zero;
        return Compose(l => l switch
        {
            Lang.Nl => zero ? $"Bewaartermijn: tot {anchor.Nl} (die datum is nog niet bekend)." : $"Bewaartermijn: tot {period.Nl} na {anchor.Nl} (die datum is nog niet bekend).",
            Lang.Fr => zero ? $"Durée de conservation : jusqu'à {anchor.Fr} (date pas encore connue)." : $"Durée de conservation : {period.Fr} après {anchor.Fr} (date pas encore connue).",
            _ => zero ? $"Retention: until {anchor.En} (the date is not known yet)." : $"Retention: {period.En} after {anchor.En} (the date is not known yet).",
        });
    }

    private static LocalizedText HeldStillGiven(string hold) => new(
        $"Een juridische bewaring ({hold}) beperkt uw recht op inzage niet (LH-3).",
        $"Un gel juridique ({hold}) ne limite pas votre droit d'accès (LH-3).",
        $"A legal hold ({hold}) does not limit your right of access (LH-3).");
}
