using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.DemoData;
using PrivacyDesk.Web.Features.Register;

namespace PrivacyDesk.IntegrationTests.Plans;

/// <summary>docs/policy-packs.md §2.2 and §4: the shipped packs import cleanly and the import is audited with a hash.</summary>
public sealed class ShippedPackImportTests(AppFixture app) : IntegrationTest(app)
{
    [Theory]
    [InlineData("asap")]
    [InlineData("job-expert")]
    [InlineData("auxilios")]
    [InlineData("imalink")]
    [InlineData("allegis")]
    public async Task Should_import_each_shipped_pack_without_warnings_and_audit_its_hash_section_7_CW5(string code)
    {
        var json = PolicyPacks.Read(code);

        var result = await App.SendAsync(new ImportPolicyPack.Command { Json = json }, Roles.Dpo);

        Assert.Equal(code, result.PackCode);
        Assert.Empty(result.Warnings); // no Privacy Shield, no former Privacy Commission, no worker data on consent
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..16];
        var audit = await App.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Type == "register.pack-imported"));
        Assert.Contains(hash, audit.Summary, StringComparison.Ordinal);
        Assert.Equal(result.Purposes, await App.WithDbAsync(db => db.Purposes.CountAsync()));
    }
}
