using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Requests;
using PrivacyDesk.Web.Infrastructure.Mediation;
using PrivacyDesk.Web.Features.Staff;
using static PrivacyDesk.IntegrationTests.Lifecycle.LifecycleTestData;

namespace PrivacyDesk.IntegrationTests.Lifecycle;

/// <summary>Manifestly unfounded or excessive requests and fees on real PostgreSQL (FEE-2, FEE-6..FEE-8, FEE-10, CLK-1).</summary>
public sealed class FeeAndAbuseTests(AppFixture app) : IntegrationTest(app)
{
    private const string Facts = "Third access request in five weeks (2026-09-28, 2026-10-12, 2026-11-02), same scope; the person wrote they would withdraw it for a settlement.";

    [Fact]
    public async Task Should_require_the_facts_to_classify_and_a_classification_to_charge_a_fee_FEE2_FEE6()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);

        await Assert.ThrowsAsync<ValidationException>(async () => await App.SendAsync(new ClassifyRequest.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Classification = AbuseClassification.Excessive, Facts = " ",
        }, Roles.Dpo));
        var unclassified = await Assert.ThrowsAsync<DomainException>(() => ChargeAsync(id, 25m));
        Assert.Equal("FEE-6", unclassified.Rule);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await App.SendAsync(new ClassifyRequest.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Classification = AbuseClassification.Excessive, Facts = Facts,
        }, Roles.BackOffice));

        await ClassifyAsync(id, AbuseClassification.ManifestlyUnfounded);
        Assert.Equal("FEE-6", (await Assert.ThrowsAsync<DomainException>(() => ChargeAsync(id, 25m))).Rule); // a fee fits an excessive request
        var request = await LoadAsync(App, id);
        Assert.Equal(AbuseClassification.ManifestlyUnfounded, request.AbuseClassification);
        Assert.Equal(Facts, request.AbuseFacts);
        Assert.Null(request.FeeStatus);
    }

    [Fact]
    public async Task Should_notify_the_fee_with_its_basis_wait_for_payment_and_resume_when_paid_FEE7_FEE8_CLK1()
    {
        App.Clock.Now = At("2026-11-02"); // due 2026-12-02
        var id = await RegisteredAsync(App, "nl");
        await ClassifyAsync(id, AbuseClassification.Excessive);
        await Assert.ThrowsAsync<ValidationException>(async () => await App.SendAsync(new ChargeFee.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Amount = 25m, Basis = "",
        }, Roles.Dpo));

        await ChargeAsync(id, 18.50m);

        var waiting = await LoadAsync(App, id);
        Assert.Equal(RequestStatus.AwaitingDataSubject, waiting.Status);
        Assert.Equal(WaitingReason.Fee, waiting.WaitingReason);
        Assert.Equal(FeeStatus.Requested, waiting.FeeStatus);
        var notice = Assert.Single(await MailAsync(App, id), m => m.Template == "lifecycle-fee-notice");
        Assert.Contains("EUR 18.50", notice.Body, StringComparison.Ordinal);
        Assert.Contains("45 minuten", notice.Body, StringComparison.Ordinal); // the basis (FEE-7)
        Assert.Contains("Third access request", notice.Body, StringComparison.Ordinal); // the facts (FEE-2)

        App.Clock.Now = At("2026-11-09");
        await App.SendAsync(new RecordFeePayment.Command { RequestId = id, Version = await VersionAsync(App, id), Paid = true }, Roles.Dpo);

        var paid = await LoadAsync(App, id);
        Assert.Equal(FeeStatus.Paid, paid.FeeStatus);
        Assert.NotEqual(RequestStatus.AwaitingDataSubject, paid.Status);
        Assert.Equal(D("2026-12-09"), paid.DueOn); // CLOCK_FEE = SUSPEND: 7 days added
        Assert.Contains(await MailAsync(App, id), m => m.Template == "lifecycle-fee-paid" && m.Body.Contains("EUR 18.50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_with_the_facts_when_the_fee_is_not_paid_FEE10()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App, "en");
        await ClassifyAsync(id, AbuseClassification.Excessive);
        await ChargeAsync(id, 30m);

        await App.SendAsync(new RecordFeePayment.Command { RequestId = id, Version = await VersionAsync(App, id), Paid = false }, Roles.Dpo);

        var refused = await LoadAsync(App, id);
        Assert.Equal(RequestStatus.Refused, refused.Status);
        Assert.Equal(FeeStatus.NotPaid, refused.FeeStatus);
        Assert.Contains("Third access request", refused.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("EUR 30.00", refused.DecisionReason, StringComparison.Ordinal);
        var letter = Assert.Single(await MailAsync(App, id), m => m.Template == "staff-refusal");
        Assert.Contains("Third access request", letter.Body, StringComparison.Ordinal);
        Assert.Contains("Data Protection Authority", letter.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_carry_the_recorded_facts_in_a_refusal_as_manifestly_unfounded_or_excessive_FEE2_FEE6_FEE10()
    {
        App.Clock.Now = At("2026-11-02");
        var unclassified = await RegisteredAsync(App);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => DecideAsync(unclassified, "manifestly-unfounded", null));
        Assert.Equal("FEE-2", refusal.Rule);

        await ClassifyAsync(unclassified, AbuseClassification.Excessive);
        Assert.Equal("FEE-6", (await Assert.ThrowsAsync<DomainException>(() => DecideAsync(unclassified, "excessive", null))).Rule);
        await DecideAsync(unclassified, "excessive", "A fee would not stop a campaign meant to harm the agency.");

        var stored = await LoadAsync(App, unclassified);
        Assert.Equal(RequestStatus.Refused, stored.Status);
        Assert.Contains("Facts: " + Facts, stored.DecisionReason, StringComparison.Ordinal);
        Assert.Contains(await MailAsync(App, unclassified), m => m.Template == "staff-refusal" && m.Body.Contains(Facts, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_record_the_details_of_an_unclassified_refusal_as_its_facts_FEE2()
    {
        App.Clock.Now = At("2026-11-02");
        var id = await RegisteredAsync(App);

        await DecideAsync(id, "manifestly-unfounded", "The message is about a dispute with a neighbour, not about data we process.");

        var stored = await LoadAsync(App, id);
        Assert.Equal(AbuseClassification.ManifestlyUnfounded, stored.AbuseClassification);
        Assert.Equal("The message is about a dispute with a neighbour, not about data we process.", stored.AbuseFacts);
        Assert.Contains("dispute with a neighbour", stored.DecisionReason, StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(App, id), e => e.Type == "request.classified");
    }

    private async Task ClassifyAsync(Guid id, AbuseClassification classification) =>
        await App.SendAsync(new ClassifyRequest.Command { RequestId = id, Version = await VersionAsync(App, id), Classification = classification, Facts = Facts }, Roles.Dpo);

    private async Task ChargeAsync(Guid id, decimal amount) =>
        await App.SendAsync(new ChargeFee.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Amount = amount,
            Basis = "45 minuten personeelstijd om dezelfde gegevens opnieuw samen te stellen, tegen het uurloon van het team",
        }, Roles.Dpo);

    private async Task DecideAsync(Guid id, string code, string? details) =>
        await App.SendAsync(new DecideRequest.Command
        {
            RequestId = id, Version = await VersionAsync(App, id), Outcome = DecisionOutcome.Refused, ReasonCode = code, ReasonDetails = details,
        }, Roles.Dpo);
}
