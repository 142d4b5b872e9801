using Microsoft.EntityFrameworkCore;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.DemoData;

namespace PrivacyDesk.IntegrationTests.Register;

public sealed class DemoSeederTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_seed_candidates_in_every_record_set_requests_and_staff_for_each_role()
    {
        var output = new StringWriter();
        await App.WithScopeAsync(sp => DemoSeeder.SeedAsync(sp, output, force: false));

        await App.WithDbAsync<bool>(async db =>
        {
            Assert.Equal(200, await db.Candidates.IgnoreQueryFilters().CountAsync());
            Assert.True(await db.PayrollRecords.AnyAsync());
            Assert.True(await db.TaxRecords.AnyAsync());
            Assert.True(await db.ProfessionalEmails.AnyAsync());
            Assert.True(await db.ClientDisclosures.AnyAsync());
            Assert.True(await db.Complaints.AnyAsync());
            Assert.True(await db.Photos.AnyAsync());
            Assert.True(await db.Requests.CountAsync() >= 20);
            Assert.True(await db.Requests.Select(r => r.Status).Distinct().CountAsync() >= 4);
            Assert.Equal(3, await db.Users.CountAsync());
            return true;
        });
        Assert.Contains("dpo@privacydesk.local", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(DemoSeeder.DemoPassword, output.ToString(), StringComparison.Ordinal);
    }
}
