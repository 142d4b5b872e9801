using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Register;

/// <summary>
/// §4.5 and RET-2: a statutory minimum cannot be shortened in the register (editor or pack import), and the
/// refusal names the statute; every register change is audited with the values before and after.
/// </summary>
public sealed class RegisterChangeTests(AppFixture app) : IntegrationTest(app)
{
    private static SaveRetentionRule.Command Edit(RetentionRule r, string period, RetentionKind? kind = null) => new()
    {
        Id = r.Id, PurposeId = r.PurposeId, Code = r.Code, DataCategory = r.DataCategory, Kind = kind ?? r.Kind, Anchor = r.Anchor,
        AnchorAdjust = r.AnchorAdjust, Period = period, CapAnchor = r.CapAnchor, CapPeriod = r.CapPeriod, AppliesTo = r.AppliesTo,
        OnExpiry = r.OnExpiry, Citation = r.Citation, Note = r.Note,
    };

    private Task<RetentionRule> RuleAsync(DataCategory category) =>
        App.WithDbAsync(db => db.RetentionRules.AsNoTracking().FirstAsync(r => r.DataCategory == category && r.Kind == RetentionKind.StatutoryMinimum));

    /// <summary>The single audit event of this type: its values before and after (JSON in the audit trail).</summary>
    private async Task<(JsonElement Before, JsonElement After)> ChangeAsync(string type)
    {
        var data = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Type == type).Select(e => e.Data).SingleAsync());
        using var json = JsonDocument.Parse(data!);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.GetProperty("before").ValueKind);
        return (root.GetProperty("before").Clone(), root.GetProperty("after").Clone());
    }

    [Fact]
    public async Task Should_refuse_to_shorten_the_payroll_period_below_five_years_naming_the_Royal_Decree_RET2()
    {
        await App.ImportPackAsync("asap");
        var payroll = await RuleAsync(DataCategory.Payroll);

        var ex = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(Edit(payroll, "P2Y"), Roles.Dpo));

        Assert.Contains("Royal Decree of 8 August 1980", ex.Message, StringComparison.Ordinal);
        // Relabelling it as the agency's own maximum does not escape the statute: the purpose is a legal obligation.
        await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(Edit(payroll, "P3Y", RetentionKind.PolicyMaximum), Roles.Dpo));
        Assert.Equal("P5Y", (await RuleAsync(DataCategory.Payroll)).Period);
        Assert.False(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Type == "register.rule-saved")));
    }

    [Fact]
    public async Task Should_refuse_ten_year_tax_records_shortened_to_seven_naming_Article_315()
    {
        await App.ImportPackAsync("asap");
        var tax = await RuleAsync(DataCategory.Tax);

        var ex = await Assert.ThrowsAsync<DomainException>(() => App.SendAsync(Edit(tax, "P7Y"), Roles.Dpo));

        Assert.Contains("Income Tax Code 1992 art. 315", ex.Message, StringComparison.Ordinal);
        Assert.Equal("P10Y", (await RuleAsync(DataCategory.Tax)).Period);
    }

    [Fact]
    public async Task Should_audit_a_lengthened_period_with_the_old_and_new_values()
    {
        await App.ImportPackAsync("asap");
        var payroll = await RuleAsync(DataCategory.Payroll);

        await App.SendAsync(Edit(payroll, "P6Y"), Roles.Dpo);

        var (before, after) = await ChangeAsync("register.rule-saved");
        Assert.Equal("P5Y", before.GetProperty("period").GetString());
        Assert.Equal("P6Y", after.GetProperty("period").GetString());
        Assert.Equal(before.GetProperty("citation").GetString(), after.GetProperty("citation").GetString());
    }

    [Fact]
    public async Task Should_audit_a_purpose_and_a_recipient_change_with_before_and_after()
    {
        await App.ImportPackAsync("asap");
        var recipient = await App.WithDbAsync(db => db.Recipients.AsNoTracking().FirstAsync(r => r.Code == "mailchimp"));

        await App.SendAsync(new SaveRecipient.Command
        {
            Id = recipient.Id, Code = recipient.Code, Name = "Mailchimp (Intuit)", Kind = recipient.Kind, Country = recipient.Country,
            TransferSafeguard = recipient.TransferSafeguard ?? "EU-US Data Privacy Framework", Description = recipient.Description, ContactEmail = recipient.ContactEmail,
        }, Roles.Dpo);

        var (before, after) = await ChangeAsync("register.recipient-saved");
        Assert.Equal(recipient.Name, before.GetProperty("name").GetString());
        Assert.Equal("Mailchimp (Intuit)", after.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_policy_pack_that_shortens_a_statutory_period_and_change_nothing()
    {
        var json = PolicyPacks.Read("asap").Replace("\"period\": \"P10Y\"", "\"period\": \"P3Y\"", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = json }, Roles.Admin));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("Income Tax Code 1992 art. 315", StringComparison.Ordinal));
        Assert.Equal(0, await App.WithDbAsync(db => db.Purposes.CountAsync()));
    }
}
