using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.IntegrationTests.Portal;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Several instances share one Data Protection key ring in PostgreSQL (data_protection_keys): a form rendered by one
/// instance (antiforgery cookie and token) is accepted when it is posted to another.
/// </summary>
public sealed class SharedKeyRingTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task Should_accept_a_portal_form_rendered_by_one_instance_and_posted_to_another()
    {
        await App.ImportPackAsync("asap");
        await using var first = App.Factory.WithWebHostBuilder(b => b.UseSetting("Instance", "first"));
        await using var second = App.Factory.WithWebHostBuilder(b => b.UseSetting("Instance", "second"));
        var cookies = new CookieContainer(); // one browser, two instances behind a balancer
        using var toFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var toSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        var page = new HtmlParser().ParseDocument(await toFirst.GetStringAsync("/Requests/New"));
        var form = page.Forms.First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var values = PortalTestKit.Valid("Access").ToList();
        values.AddRange(form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name) && values.All(v => v.Key != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)));
        var response = await toSecond.PostAsync("/Requests/New", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Requests/Submitted", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.True(await App.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()), "the key ring is stored in PostgreSQL");
    }
}
