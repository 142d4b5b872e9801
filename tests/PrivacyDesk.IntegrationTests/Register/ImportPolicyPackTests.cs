using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;

namespace PrivacyDesk.IntegrationTests.Register;

public sealed class ImportPolicyPackTests(AppFixture app) : IntegrationTest(app)
{
    public static TheoryData<string> Packs => new() { "asap", "job-expert", "auxilios", "imalink", "allegis" };

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task Should_import_each_shipped_pack_covering_every_record_set(string code)
    {
        var result = await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read(code) }, Roles.Admin);

        Assert.Equal(code, result.PackCode);
        var purposes = await App.WithDbAsync(db => db.Purposes.Include(p => p.RetentionRules).ToListAsync());
        Assert.Equal(result.Purposes, purposes.Count);
        Assert.Equal(result.Rules, purposes.Sum(p => p.RetentionRules.Count));
        var covered = purposes.SelectMany(p => p.RecordSets).ToHashSet();
        Assert.All(Enum.GetValues<RecordSet>(), s => Assert.Contains(s, covered));
        // §4.5: payroll is a statutory minimum anchored on the last working day, to the end of that year, 5 years.
        var payroll = purposes.Where(p => p.RecordSets.Contains(RecordSet.PayrollRecords)).SelectMany(p => p.RetentionRules)
            .Where(r => r.Kind == RetentionKind.StatutoryMinimum && r.Anchor == RetentionAnchor.LastWorkingDay);
        Assert.Contains(payroll, r => r.AnchorAdjust == AnchorAdjust.EndOfCalendarYear && r.Period == "P5Y");
        Assert.Equal(code, await App.WithDbAsync(db => db.ControllerProfiles.Select(c => c.PackCode).SingleAsync()));
    }

    [Fact]
    public async Task Should_replace_the_register_when_another_pack_is_imported_and_be_repeatable()
    {
        await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") }, Roles.Admin);
        await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read("asap") }, Roles.Admin);
        var asapCount = await App.WithDbAsync(db => db.Purposes.CountAsync());

        var result = await App.SendAsync(new ImportPolicyPack.Command { Json = PolicyPacks.Read("allegis") }, Roles.Admin);

        Assert.Equal(result.Purposes, await App.WithDbAsync(db => db.Purposes.CountAsync()));
        Assert.Equal(result.Recipients, await App.WithDbAsync(db => db.Recipients.CountAsync()));
        Assert.True(asapCount > 0);
        Assert.Equal(3, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == "register.pack-imported")));
    }

    [Fact]
    public async Task Should_name_the_json_path_of_each_error_and_change_nothing()
    {
        var json = PolicyPacks.Read("asap")
            .Replace("\"legalBasis\": \"Contract\"", "\"legalBasis\": \"Contrakt\"", StringComparison.Ordinal)
            .Replace("\"period\": \"P24M\"", "\"period\": \"24 months\"", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = json }, Roles.Admin));

        Assert.Contains(ex.Errors, e => e.PropertyName.StartsWith("$.purposes[", StringComparison.Ordinal) && e.PropertyName.EndsWith("].legalBasis", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.PropertyName.Contains("].retentionRules[", StringComparison.Ordinal) && e.PropertyName.EndsWith("].period", StringComparison.Ordinal));
        Assert.Equal(0, await App.WithDbAsync(db => db.Purposes.CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_a_pack_that_leaves_a_record_set_without_purpose()
    {
        var json = PolicyPacks.Read("asap").Replace("\"ProfessionalEmails\"", "\"Documents\"", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = json }, Roles.Admin));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("ProfessionalEmails", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_malformed_json_with_a_clear_message()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new ImportPolicyPack.Command { Json = "{ \"code\": " }, Roles.Admin));

        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_flag_privacy_shield_as_a_warning()
    {
        var json = PolicyPacks.Read("allegis");
        var pack = PolicyPack.Parse(json);
        var safeguarded = pack.Recipients.First(r => r.TransferSafeguard is not null);
        json = json.Replace(safeguarded.TransferSafeguard!, "EU-U.S. Privacy Shield", StringComparison.Ordinal);

        var result = await App.SendAsync(new ImportPolicyPack.Command { Json = json }, Roles.Admin);

        Assert.Contains(result.Warnings, w => w.Contains("Privacy Shield", StringComparison.Ordinal));
    }
}
