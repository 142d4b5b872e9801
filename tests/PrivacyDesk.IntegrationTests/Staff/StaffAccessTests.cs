using System.Net;
using PrivacyDesk.Domain.Common;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Features.Staff;
using PrivacyDesk.Web.Infrastructure.Mediation;

namespace PrivacyDesk.IntegrationTests.Staff;

/// <summary>Least privilege per role (LH-4, product.md §1): folder conventions on pages AND [RequiresRole] on requests.</summary>
public sealed class StaffAccessTests(AppFixture app) : IntegrationTest(app)
{
    public static TheoryData<string> DpoPages() =>
        new() { "/Dpo/Queue", "/Dpo/Dashboard", "/Dpo/LegalHolds", "/Dpo/LegalHolds/Place", "/Dpo/Register", "/Dpo/Register/Purpose", "/Dpo/Register/Recipient", "/Dpo/Audit", "/Dpo/Requests/New" };

    [Theory]
    [MemberData(nameof(DpoPages))]
    public async Task Should_show_dpo_pages_to_the_dpo_only(string path)
    {
        using var dpo = new HtmlSession(App);
        await dpo.SignInAsync(Roles.Dpo);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync(path)).Response.StatusCode);

        foreach (var role in new[] { Roles.BackOffice, Roles.Admin })
        {
            using var other = new HtmlSession(App);
            await other.SignInAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(path)).Response.StatusCode);
        }

        using var anonymous = new HtmlSession(App);
        var (response, _) = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_staff_accounts_to_admins_only()
    {
        using var admin = new HtmlSession(App);
        await admin.SignInAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Staff")).Response.StatusCode);
        foreach (var role in new[] { Roles.Dpo, Roles.BackOffice })
        {
            using var other = new HtmlSession(App);
            await other.SignInAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Admin/Staff")).Response.StatusCode);
        }
        using var anonymous = new HtmlSession(App);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/Admin/Staff")).Response.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_dpo_commands_to_other_roles_in_the_pipeline_LH4()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new PlaceLegalHold.Command(), Roles.BackOffice));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new DecideRequest.Command { Outcome = DecisionOutcome.Approved }, Roles.Admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new StaffAccounts.ListQuery(), Roles.Dpo));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new TwoFactorSetup.StatusQuery()));
    }

    [Fact]
    public async Task Should_let_an_admin_create_an_account_with_roles_lock_it_and_reset_its_password()
    {
        using var admin = new HtmlSession(App);
        await admin.SignInAsync(Roles.Admin, "boss@test.local");
        var (_, page) = await admin.GetAsync("/Admin/Staff");
        var (created, result) = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Data.Email"] = "new.dpo@test.local", ["Data.DisplayName"] = "New DPO", ["Data.Roles"] = Roles.Dpo,
        }, "form.create-staff");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var password = result.QuerySelector(".one-time-password")!.TextContent.Trim();
        Assert.True(password.Length >= 20);

        using var newcomer = new HtmlSession(App);
        var (_, login) = await newcomer.GetAsync("/Account/Login");
        var (signedIn, _) = await newcomer.SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = "new.dpo@test.local", ["Data.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/Dpo/Queue")).Response.StatusCode);

        var accounts = await App.SendAsync(new StaffAccounts.ListQuery(), Roles.Admin);
        var id = accounts.Single(a => a.Email == "new.dpo@test.local").Id;
        await App.SendAsync(new StaffAccounts.SetLocked { UserId = id, Locked = true }, Roles.Admin);
        using var locked = new HtmlSession(App);
        var (_, login2) = await locked.GetAsync("/Account/Login");
        var (refused, _) = await locked.SubmitAsync(login2, new Dictionary<string, string> { ["Data.Email"] = "new.dpo@test.local", ["Data.Password"] = password });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        var newPassword = await App.SendAsync(new StaffAccounts.ResetPassword { UserId = id }, Roles.Admin);
        Assert.NotEqual(password, newPassword);
        await App.SendAsync(new StaffAccounts.SetRoles { UserId = id, Roles = [Roles.BackOffice] }, Roles.Admin);
        Assert.Equal([Roles.BackOffice], (await App.SendAsync(new StaffAccounts.ListQuery(), Roles.Admin)).Single(a => a.Id == id).Roles);
    }
}
