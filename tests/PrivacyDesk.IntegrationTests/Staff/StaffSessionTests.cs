using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>Two-factor authentication required for Dpo and Admin (enrolment on first sign-in), and the Admin's sign-in list.</summary>
public sealed class StaffSessionTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_send_a_dpo_without_two_factor_to_enrolment_until_enrolled_and_leave_back_office_alone()
    {
        await using var host = App.Factory.WithWebHostBuilder(b => b.UseSetting("Staff:RequireTwoFactor", "true"));
        using var dpo = new HtmlSession(App, host);
        await dpo.SignInAsync(Roles.Dpo, "dpo.2fa@test.local");

        var (queue, _) = await dpo.GetAsync("/Dpo/Queue");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Equal("/Staff/TwoFactor?required=1", queue.Headers.Location!.OriginalString);

        var (_, enrol) = await dpo.GetAsync("/Staff/TwoFactor?required=1");
        Assert.NotNull(enrol.QuerySelector("p.flash.warn"));
        var key = enrol.QuerySelector(".authenticator-key")!.TextContent.Trim();
        var (_, enabled) = await dpo.SubmitAsync(enrol, new Dictionary<string, string> { ["Data.Code"] = TwoFactorTests.Totp(key) }, "main form[method=post]");
        Assert.Equal(10, enabled.QuerySelectorAll(".recovery-codes code").Length);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("/Dpo/Queue")).Response.StatusCode);

        using var office = new HtmlSession(App, host);
        await office.SignInAsync(Roles.BackOffice);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/BackOffice/Tasks")).Response.StatusCode);
    }

    [Fact]
    public async Task Should_show_the_admin_who_signed_in_when()
    {
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo, "wie@test.local");
        using var admin = new HtmlSession(App);
        await admin.GetAsync("/Language?c=fr&r=/");
        await admin.SignInAsync(Roles.Admin, "admin.signins@test.local");

        var (_, page) = await admin.GetAsync("/Admin/SignIns");

        var rows = page.QuerySelectorAll("table.sign-ins tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("wie@test.local", StringComparison.Ordinal) && r.Contains("avec mot de passe", StringComparison.Ordinal));
        Assert.Equal(2, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Type == StaffRegistration.SignedInEvent)));
        using var office = new HtmlSession(App);
        await office.SignInAsync(Roles.BackOffice);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/Admin/SignIns")).Response.StatusCode);
    }
}
