using PrivacyDesk.Domain.LegalHolds;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Domain.Retention;
using static PrivacyDesk.Domain.Plans.PlanTexts;

namespace PrivacyDesk.Domain.Plans;

/// <summary>Art. 17: ER-2 per purpose × record set, per record where the retention anchors differ.</summary>
internal static class ErasurePlanner
{
    /// <summary>The branch of ER-2 a record ends in; with the date and rule it is the grouping key of the lines.</summary>
    private enum Branch
    {
        Held,
        StatutoryRunning,
        StatutoryNotStarted,
        StatutoryEnded,
        NoStatuteLeft,
        ConsentBased,
        ContractRunning,
        ContractEnded,
        CompellingGrounds,
        ObjectionImplied,
        NecessityReview,
        LegalClaims,
        VitalInterestsRunning,
        VitalInterestsEnded,
        PublicTask,
        ConsentProof,
        Unregistered,
    }

    private readonly record struct Key(Branch Branch, DateOnly? Date, RetentionRule? Rule, bool OwnPeriodOpen);

    public static void Plan(PlanContext ctx)
    {
        foreach (var purpose in ctx.Purposes)
        {
            var hold = ctx.HoldFor(purpose.Code);
            foreach (var set in purpose.RecordSets.Distinct())
            {
                var items = ctx.Data.For(purpose, set);
                if (items.Count == 0)
                {
                    continue;
                }

                ctx.AddLines(purpose, set, items,
                    item => Decide(ctx, purpose, set, item, hold),
                    key => ToVerdict(ctx, purpose, set, key, hold));
            }
        }

        foreach (var set in ctx.UnregisteredSetsWithData())
        {
            // ER-2 first branch: data without a registered purpose have no lawful ground (17(1)(d)), unless held.
            var hold = ctx.HoldFor("");
            var key = new Key(hold is null ? Branch.Unregistered : Branch.Held, null, null, false);
            ctx.Add(null, set, ctx.Data.All(set), ToVerdict(ctx, null, set, key, hold));
        }

        KeepMinimalProfile(ctx);
        AddNotices(ctx);
    }

    private static Key Decide(PlanContext ctx, ProcessingPurpose purpose, RecordSet set, RecordRef item, LegalHold? hold)
    {
        if (hold is not null)
        {
            return new Key(Branch.Held, null, null, false);
        }

        if (set == RecordSet.Consents)
        {
            return new Key(Branch.ConsentProof, null, null, false);
        }

        switch (purpose.LegalBasis)
        {
            case LegalBasis.LegalObligation:
                if (ctx.Retention(purpose, set, item, k => k == RetentionKind.StatutoryMinimum) is { } statutory)
                {
                    if (!statutory.Known)
                    {
                        return new Key(Branch.StatutoryNotStarted, null, statutory.Rule, false);
                    }

                    if (!statutory.Expired)
                    {
                        return new Key(Branch.StatutoryRunning, statutory.KeepUntil, statutory.Rule, false);
                    }

                    return Claims(ctx, purpose, set, item) ?? new Key(Branch.StatutoryEnded, statutory.KeepUntil, statutory.Rule, false);
                }

                return Claims(ctx, purpose, set, item) ?? Erasable(ctx, purpose, set, item, Branch.NoStatuteLeft);

            case LegalBasis.Consent:
                return Claims(ctx, purpose, set, item) ?? Erasable(ctx, purpose, set, item, Branch.ConsentBased);

            case LegalBasis.Contract:
                if (ctx.Data.ContractRunning && ctx.Data.RunningContractNeeds.Contains(set))
                {
                    return new Key(Branch.ContractRunning, null, null, false);
                }

                return Claims(ctx, purpose, set, item) ?? Erasable(ctx, purpose, set, item, Branch.ContractEnded);

            case LegalBasis.LegitimateInterests:
                if (ctx.Input.HasCompellingGrounds(purpose.Code))
                {
                    return new Key(Branch.CompellingGrounds, null, null, false);
                }

                return Claims(ctx, purpose, set, item)
                    ?? (ctx.Input.Settings.ErasureImpliesObjectionForLegitimateInterests
                        ? Erasable(ctx, purpose, set, item, Branch.ObjectionImplied)
                        : new Key(Branch.NecessityReview, null, null, false));

            case LegalBasis.VitalInterests:
                // Emergency data protect the person while they work through the agency; afterwards nothing needs them.
                return ctx.Data.ContractRunning
                    ? new Key(Branch.VitalInterestsRunning, null, null, false)
                    : Claims(ctx, purpose, set, item) ?? Erasable(ctx, purpose, set, item, Branch.VitalInterestsEnded);

            case LegalBasis.PublicTask:
                return new Key(Branch.PublicTask, null, null, false);

            default:
                throw new ArgumentOutOfRangeException(nameof(purpose), purpose.LegalBasis, null);
        }
    }

    /// <summary>RET-2 LegalClaimsPeriod: kept (17(3)(e)) only while the limitation period runs.</summary>
    private static Key? Claims(PlanContext ctx, ProcessingPurpose purpose, RecordSet set, RecordRef item) =>
        ctx.Retention(purpose, set, item, k => k == RetentionKind.LegalClaimsPeriod) is { Expired: false } claims
            ? new Key(Branch.LegalClaims, claims.KeepUntil, claims.Rule, false)
            : null;

    /// <summary>ER-4: an own (PolicyMaximum) period still running is worth saying, never worth keeping.</summary>
    private static Key Erasable(PlanContext ctx, ProcessingPurpose purpose, RecordSet set, RecordRef item, Branch branch)
    {
        var own = ctx.Retention(purpose, set, item, k => k == RetentionKind.PolicyMaximum);
        return new Key(branch, null, own is { Expired: false } o ? o.Rule : null, own is { Expired: false });
    }

    private static Verdict ToVerdict(PlanContext ctx, ProcessingPurpose? purpose, RecordSet set, Key key, LegalHold? hold)
    {
        var s = Set(set);
        var p = purpose is null ? NoPurpose : Purpose(purpose);
        var method = ctx.ErasureOf(set);
        var gone = method == ErasureMethod.Anonymise ? PlanOutcome.Anonymise : PlanOutcome.Erase;
        var goneText = method == ErasureMethod.Anonymise
            ? new LocalizedText("we anonimiseren ze onomkeerbaar", "nous les anonymisons de manière irréversible", "anonymised irreversibly")
            : new LocalizedText("we wissen ze", "nous les effaçons", "erased");
        var ownPeriod = key.OwnPeriodOpen
            ? new LocalizedText(
                "De bewaartermijn die het bureau zelf heeft gekozen, is geen reden om ze langer te bewaren (ER-4).",
                "La durée de conservation fixée par l'agence elle-même ne justifie pas de les conserver plus longtemps (ER-4).",
                "The retention period the agency set itself is not a reason to keep them longer (ER-4).")
            : null;
        var erasedRule = key.OwnPeriodOpen ? "ER-4" : "ER-2";
        var rule = key.Rule;
        var date = key.Date is { } d ? Iso(d) : "";
        var grace = ctx.Input.Settings.RetentionGraceDays; // LH-3: deferred expiry runs within the grace period after lifting

        return key.Branch switch
        {
            Branch.Held => new Verdict(PlanOutcome.KeepRestrictedUntil, null, "Art. 17(3)(e) GDPR", "LH-3", new LocalizedText(
                $"We bewaren {s.Nl} voor '{p.Nl}' tot de juridische bewaring {hold!.Reference} wordt opgeheven, omdat deze gegevens nodig zijn voor de instelling, uitoefening of verdediging van een rechtsvordering. Intussen is de verwerking ervan beperkt tot die vordering; na de opheffing worden ze binnen {grace} dagen gewist als hun bewaartermijn verstreken is.",
                $"Nous conservons {s.Fr} pour « {p.Fr} » jusqu'à la levée du gel juridique {hold!.Reference}, car ces données sont nécessaires à la constatation, à l'exercice ou à la défense de droits en justice. Entre-temps, leur traitement est limité à cette fin ; après la levée, elles sont effacées dans les {grace} jours si leur durée de conservation est écoulée.",
                $"{Capitalize(s.En)} for '{p.En}' are kept until legal hold {hold!.Reference} is lifted, because they are needed to establish, exercise or defend a legal claim. Meanwhile they are restricted to that claim; once it is lifted they are erased within {grace} days if their retention period has ended."),
                hold.Reference),

            Branch.StatutoryRunning => Statutory(set, rule!, key.Date),
            Branch.StatutoryNotStarted => Statutory(set, rule!, null),

            Branch.StatutoryEnded => new Verdict(gone, null, "Art. 17(1)(a) GDPR", "ER-2", new LocalizedText(
                $"De wettelijke bewaartermijn voor {s.Nl} is verstreken op {date}; {goneText.Nl}.",
                $"Le délai légal de conservation pour {s.Fr} a pris fin le {date} ; {goneText.Fr}.",
                $"The statutory retention period for {s.En} ended on {date}; they are {goneText.En}."), RetentionRuleCode: rule?.Code),

            Branch.NoStatuteLeft => new Verdict(gone, null, "Art. 17(1)(a) GDPR", erasedRule, Join(new LocalizedText(
                $"Geen wettelijke bewaartermijn verplicht ons nog om {s.Nl} voor '{p.Nl}' te bewaren; {goneText.Nl}.",
                $"Aucun délai légal ne nous oblige plus à conserver {s.Fr} pour « {p.Fr} » ; {goneText.Fr}.",
                $"No statutory period requires us to keep {s.En} for '{p.En}' any longer; they are {goneText.En}."), ownPeriod), RetentionRuleCode: rule?.Code),

            Branch.ConsentBased => new Verdict(gone, null, "Art. 17(1)(b) GDPR", erasedRule, Join(new LocalizedText(
                $"We verwerkten {s.Nl} voor '{p.Nl}' op basis van uw toestemming. Uw verzoek tot wissing trekt die toestemming ook in; {goneText.Nl}.",
                $"Nous traitions {s.Fr} pour « {p.Fr} » sur la base de votre consentement. Votre demande d'effacement retire aussi ce consentement ; {goneText.Fr}.",
                $"{Capitalize(s.En)} for '{p.En}' were processed on the basis of your consent. Your erasure request also withdraws that consent, so they are {goneText.En}."), ownPeriod), RetentionRuleCode: rule?.Code),

            Branch.ContractRunning => new Verdict(PlanOutcome.Keep, null, "Art. 6(1)(b) GDPR", "ER-2", new LocalizedText(
                $"We bewaren {s.Nl} voor '{p.Nl}' omdat uw arbeidsovereenkomst of uitzendopdracht nog loopt en ze daarvoor nodig zijn; er is dus nog geen grond voor wissing (art. 17(1)(a) AVG). Zodra de overeenkomst afloopt en geen andere grond geldt, worden ze gewist.",
                $"Nous conservons {s.Fr} pour « {p.Fr} » car votre contrat de travail ou votre mission est en cours et ces données sont nécessaires à son exécution ; il n'existe donc pas encore de motif d'effacement (art. 17(1)(a) RGPD). Elles seront effacées dès la fin du contrat si aucun autre motif ne s'applique.",
                $"{Capitalize(s.En)} for '{p.En}' are kept because your employment contract or assignment is still running and needs them, so there is no ground for erasure yet (Art. 17(1)(a) GDPR). They will be erased once the contract has ended and no other ground applies.")),

            Branch.ContractEnded => new Verdict(gone, null, "Art. 17(1)(a) GDPR", erasedRule, Join(new LocalizedText(
                $"{Capitalize(s.Nl)} voor '{p.Nl}' zijn niet meer nodig: er loopt geen overeenkomst met u{(set == RecordSet.Applications ? " en lopende sollicitaties worden afgesloten" : "")}; {goneText.Nl}.",
                $"{Capitalize(s.Fr)} pour « {p.Fr} » ne sont plus nécessaires : aucun contrat n'est en cours avec vous{(set == RecordSet.Applications ? " et les candidatures en cours sont clôturées" : "")} ; {goneText.Fr}.",
                $"{Capitalize(s.En)} for '{p.En}' are no longer needed: no contract with you is running{(set == RecordSet.Applications ? " and any open application is closed" : "")}, so they are {goneText.En}."), ownPeriod), RetentionRuleCode: rule?.Code),

            Branch.CompellingGrounds => new Verdict(PlanOutcome.Keep, null, "Art. 17(1)(c) and 21(1) GDPR", "ER-2", Join(new LocalizedText(
                $"De DPO heeft voor '{p.Nl}' dwingende gerechtvaardigde gronden vastgesteld die zwaarder wegen dan uw belangen; we bewaren {s.Nl} daarom voor dat doeleinde. U kunt deze beslissing betwisten bij de Gegevensbeschermingsautoriteit of bij de rechter.",
                $"Le DPO a constaté pour « {p.Fr} » des motifs légitimes impérieux qui prévalent sur vos intérêts ; nous conservons donc {s.Fr} pour cette finalité. Vous pouvez contester cette décision auprès de l'Autorité de protection des données ou en justice.",
                $"The DPO has recorded compelling legitimate grounds for '{p.En}' that override your interests, so {s.En} are kept for that purpose. You may contest this decision with the Data Protection Authority or in court."),
                purpose is null ? null : BalancingText(ctx.Input, purpose.Code))),

            Branch.ObjectionImplied => new Verdict(gone, null, "Art. 17(1)(c) GDPR", key.OwnPeriodOpen ? "ER-4" : "ER-3", Join(new LocalizedText(
                $"Uw verzoek tot wissing geldt ook als bezwaar tegen de verwerking voor '{p.Nl}' op basis van ons gerechtvaardigd belang. Er zijn geen dwingende gronden die zwaarder wegen dan uw belangen; {goneText.Nl} ({s.Nl}).",
                $"Votre demande d'effacement vaut aussi opposition au traitement pour « {p.Fr} » fondé sur notre intérêt légitime. Aucun motif impérieux ne prévaut sur vos intérêts ; {goneText.Fr} ({s.Fr}).",
                $"Your erasure request also counts as an objection to processing for '{p.En}' based on our legitimate interests. No compelling grounds override your interests, so {s.En} are {goneText.En}."), ownPeriod,
                purpose is null ? null : BalancingText(ctx.Input, purpose.Code)), RetentionRuleCode: rule?.Code),

            Branch.NecessityReview => new Verdict(PlanOutcome.Withhold, null, "Art. 17(1)(a) GDPR", "ER-3", new LocalizedText(
                $"{Capitalize(s.Nl)} voor '{p.Nl}' berusten op ons gerechtvaardigd belang. De DPO beoordeelt of ze voor u nog nodig zijn; tot die beslissing wordt niets gewist.",
                $"{Capitalize(s.Fr)} pour « {p.Fr} » reposent sur notre intérêt légitime. Le DPO examine si elles sont encore nécessaires dans votre cas ; rien n'est effacé avant cette décision.",
                $"{Capitalize(s.En)} for '{p.En}' rest on our legitimate interests. The DPO is assessing whether they are still necessary in your case; nothing is erased before that decision.")),

            Branch.LegalClaims => Claims(set, rule!, key.Date),

            Branch.VitalInterestsRunning => new Verdict(PlanOutcome.Keep, null, "Art. 6(1)(d) GDPR", "ER-2", new LocalizedText(
                $"We bewaren {s.Nl} zolang u via ons werkt, om u in een noodgeval te kunnen beschermen; daarna worden ze gewist.",
                $"Nous conservons {s.Fr} tant que vous travaillez par notre intermédiaire, pour pouvoir vous protéger en cas d'urgence ; elles seront effacées ensuite.",
                $"{Capitalize(s.En)} are kept while you work through us, to protect you in an emergency; they are erased afterwards.")),

            Branch.VitalInterestsEnded => new Verdict(gone, null, "Art. 17(1)(a) GDPR", "ER-2", new LocalizedText(
                $"U werkt niet meer via ons, dus {s.Nl} zijn niet meer nodig; {goneText.Nl}.",
                $"Vous ne travaillez plus par notre intermédiaire, {s.Fr} ne sont donc plus nécessaires ; {goneText.Fr}.",
                $"You no longer work through us, so {s.En} are no longer needed; they are {goneText.En}.")),

            Branch.PublicTask => new Verdict(PlanOutcome.Withhold, null, "Art. 17(3)(b) GDPR", "ER-2", new LocalizedText(
                $"{Capitalize(s.Nl)} voor '{p.Nl}' worden verwerkt voor een taak van algemeen belang. De DPO beslist of wissing mogelijk is; tot dan wordt niets gewist.",
                $"{Capitalize(s.Fr)} pour « {p.Fr} » sont traitées pour une mission d'intérêt public. Le DPO décide si l'effacement est possible ; rien n'est effacé d'ici là.",
                $"{Capitalize(s.En)} for '{p.En}' are processed for a task in the public interest. The DPO decides whether erasure is possible; nothing is erased until then.")),

            Branch.ConsentProof => new Verdict(PlanOutcome.Anonymise, null, "Art. 7(1) and 5(2) GDPR", "CW-3", new LocalizedText(
                "Uw toestemmingsgegevens worden herleid tot een minimaal bewijs (datum, kanaal en reikwijdte van elke toestemming en intrekking), zonder andere gegevens, zodat we kunnen aantonen dat we uw keuze hebben gerespecteerd.",
                "Vos preuves de consentement sont réduites au strict minimum (date, canal et portée de chaque consentement et de chaque retrait), sans autres données, afin que nous puissions démontrer que nous avons respecté votre choix.",
                "Your consent records are reduced to minimal proof (date, channel and scope of each consent and withdrawal), without any other data, so that we can show we respected your choice.")),

            Branch.Unregistered => new Verdict(gone, null, "Art. 17(1)(d) GDPR", "ER-2", new LocalizedText(
                $"{Capitalize(s.Nl)} zijn aan geen geregistreerd doeleinde gekoppeld; er is dus geen rechtmatige grond om ze te bewaren en {goneText.Nl}.",
                $"{Capitalize(s.Fr)} ne sont liées à aucune finalité enregistrée ; il n'existe donc aucune base licite pour les conserver et {goneText.Fr}.",
                $"{Capitalize(s.En)} are linked to no registered purpose, so there is no lawful ground to keep them; they are {goneText.En}.")),

            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Branch, null),
        };
    }

    private static Verdict Statutory(RecordSet set, RetentionRule rule, DateOnly? until)
    {
        var s = Set(set);
        var law = Statute(set, rule.Citation);
        if (until is { } date)
        {
            var d = Iso(date);
            return new Verdict(PlanOutcome.KeepRestrictedUntil, date, "Art. 17(3)(b) GDPR", "ER-2", new LocalizedText(
                $"We bewaren {s.Nl} tot en met {d} omdat {law.Nl}; intussen is de verwerking ervan beperkt en daarna worden ze automatisch gewist.",
                $"Nous conservons {s.Fr} jusqu'au {d} car {law.Fr} ; entre-temps, leur traitement est limité, puis ces données sont effacées automatiquement.",
                $"{Capitalize(s.En)} are kept until {d} because {law.En}; they are restricted meanwhile and erased automatically afterwards."), RetentionRuleCode: rule.Code);
        }

        var terms = rule.ToTerms();
        var period = Period(terms.Period);
        var anchor = Anchor(terms.Anchor);
        return new Verdict(PlanOutcome.KeepRestrictedUntil, null, "Art. 17(3)(b) GDPR", "ER-2", new LocalizedText(
            $"We bewaren {s.Nl} omdat {law.Nl}: de wettelijke termijn ({period.Nl} na {anchor.Nl}) is nog niet begonnen, dus de einddatum is nog niet bekend. Intussen is de verwerking ervan beperkt.",
            $"Nous conservons {s.Fr} car {law.Fr} : le délai légal ({period.Fr} après {anchor.Fr}) n'a pas encore commencé, sa date de fin n'est donc pas encore connue. Entre-temps, leur traitement est limité.",
            $"{Capitalize(s.En)} are kept because {law.En}: the statutory period ({period.En} after {anchor.En}) has not started yet, so its end date is not known. They are restricted meanwhile."), RetentionRuleCode: rule.Code);
    }

    private static Verdict Claims(RecordSet set, RetentionRule rule, DateOnly? until)
    {
        var s = Set(set);
        var why = string.IsNullOrWhiteSpace(rule.Note) ? rule.Citation.Trim() : rule.Note.Trim();
        var because = why.Length == 0 ? "" : $" ({why})";
        var terms = rule.ToTerms();
        var period = Period(terms.Period);
        var anchor = Anchor(terms.Anchor);
        var text = until is { } date
            ? new LocalizedText(
                $"We bewaren {s.Nl} tot en met {Iso(date)} omdat ze nodig kunnen zijn voor een rechtsvordering tot de verjaringstermijn verstrijkt{because}; intussen is de verwerking ervan beperkt.",
                $"Nous conservons {s.Fr} jusqu'au {Iso(date)} car ces données peuvent être nécessaires à des droits en justice jusqu'à l'expiration du délai de prescription{because} ; entre-temps, leur traitement est limité.",
                $"{Capitalize(s.En)} are kept until {Iso(date)} because they may be needed for legal claims until the limitation period ends{because}; they are restricted meanwhile.")
            : new LocalizedText(
                $"We bewaren {s.Nl} tot {period.Nl} na {anchor.Nl}, omdat ze nodig kunnen zijn voor een rechtsvordering{because}; die datum is nog niet bekend. Intussen is de verwerking ervan beperkt.",
                $"Nous conservons {s.Fr} jusqu'à {period.Fr} après {anchor.Fr}, car ces données peuvent être nécessaires à des droits en justice{because} ; cette date n'est pas encore connue. Entre-temps, leur traitement est limité.",
                $"{Capitalize(s.En)} are kept until {period.En} after {anchor.En}, because they may be needed for legal claims{because}; that date is not known yet. They are restricted meanwhile.");
        return new Verdict(PlanOutcome.KeepRestrictedUntil, until, "Art. 17(3)(e) GDPR", "ER-2", text, RetentionRuleCode: rule.Code);
    }

    /// <summary>
    /// ER-7 [INTERPRETATION]: kept records must stay attributable, so when any record is kept and the profile
    /// itself is not, the identity needed to link them (name, date of birth, national number) stays, restricted,
    /// as long as the latest kept record; everything else in the profile is erased.
    /// </summary>
    private static void KeepMinimalProfile(PlanContext ctx)
    {
        var lines = ctx.Lines;
        if (lines.Any(l => l.RecordSet == RecordSet.CandidateProfile && PlanContext.Keeps(l.Outcome)))
        {
            return;
        }

        var profileId = ctx.Data.Candidate.Id;
        var additions = new List<(ProcessingPurpose? Purpose, Verdict Verdict)>();
        foreach (var group in lines.Where(l => PlanContext.Keeps(l.Outcome)).GroupBy(l => l.PurposeCode))
        {
            var purpose = ctx.Purposes.FirstOrDefault(p => p.Code == group.Key);
            var openEnded = group.Any(l => l.KeepUntil is null);
            DateOnly? until = openEnded ? null : group.Max(l => l.KeepUntil);
            var first = group.OrderBy(l => l.KeepUntil is null ? 0 : 1).First();
            var outcome = group.Any(l => l.Outcome == PlanOutcome.Keep) ? PlanOutcome.Keep : PlanOutcome.KeepRestrictedUntil;
            var p = purpose is null ? NoPurpose : Purpose(purpose);
            var untilText = until is { } u
                ? new LocalizedText($"tot en met {Iso(u)}", $"jusqu'au {Iso(u)}", $"until {Iso(u)}")
                : new LocalizedText("zolang die gegevens bewaard worden", "tant que ces données sont conservées", "as long as those records are kept");
            additions.Add((purpose, new Verdict(outcome, until, first.Article, "ER-7", new LocalizedText(
                $"Van uw profiel bewaren we enkel de identiteitsgegevens die nodig zijn om de bewaarde gegevens voor '{p.Nl}' aan u te koppelen (naam, geboortedatum, rijksregisternummer), {untilText.Nl}, met beperkte verwerking; de rest van uw profiel wordt gewist.",
                $"De votre profil, nous ne conservons que les données d'identité nécessaires pour rattacher à vous les données conservées pour « {p.Fr} » (nom, date de naissance, numéro de registre national), {untilText.Fr}, avec un traitement limité ; le reste de votre profil est effacé.",
                $"Of your profile, only the identity data needed to link the records kept for '{p.En}' to you (name, date of birth, national register number) are kept, restricted, {untilText.En}; the rest of your profile is erased."),
                first.LegalHoldReference)));
        }

        foreach (var (purpose, verdict) in additions)
        {
            ctx.Add(purpose, RecordSet.CandidateProfile, [profileId], verdict);
        }
    }

    private static void AddNotices(PlanContext ctx)
    {
        if (ctx.Lines.Any(l => l.Outcome is PlanOutcome.Erase or PlanOutcome.Anonymise))
        {
            ctx.Notice(new LocalizedText(
                "Na de wissing bewaren we enkel een onleesbare blokkeringsregel (gesleutelde hashes van e-mail, telefoon en rijksregisternummer, met de referentie en datum van uw verzoek), zodat we uw gegevens niet opnieuw verzamelen (ER-8). Ontvangers van uw gegevens worden op de hoogte gebracht (art. 19 AVG).",
                "Après l'effacement, nous ne gardons qu'une entrée de blocage illisible (empreintes à clé de l'e-mail, du téléphone et du numéro de registre national, avec la référence et la date de votre demande) afin de ne pas collecter à nouveau vos données (ER-8). Les destinataires de vos données sont informés (art. 19 RGPD).",
                "After erasure we keep only an unreadable suppression entry (keyed hashes of e-mail, phone and national register number, with the reference and date of your request) so that your data are not collected again (ER-8). Recipients of your data are told (Art. 19 GDPR)."));
        }

        if (ctx.Lines.Any(l => PlanContext.Keeps(l.Outcome)))
        {
            ctx.Notice(new LocalizedText(
                "Voor de gegevens die we bewaren, kunt u klacht indienen bij de Gegevensbeschermingsautoriteit (Drukpersstraat 35, 1000 Brussel, contact@apd-gba.be) of naar de rechter stappen (art. 12(4), 77 en 79 AVG).",
                "Pour les données que nous conservons, vous pouvez introduire une plainte auprès de l'Autorité de protection des données (rue de la Presse 35, 1000 Bruxelles, contact@apd-gba.be) ou saisir la justice (art. 12(4), 77 et 79 RGPD).",
                "For the data we keep, you may lodge a complaint with the Data Protection Authority (Rue de la Presse 35, 1000 Brussels, contact@apd-gba.be) or go to court (Art. 12(4), 77 and 79 GDPR)."));
        }
    }
}
