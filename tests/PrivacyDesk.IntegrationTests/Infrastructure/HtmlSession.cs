using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP client that reads pages with AngleSharp and posts their forms with the
/// antiforgery token, the way a browser without JavaScript would.
/// </summary>
public sealed class HtmlSession : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IHtmlDocument, string> Urls = new();
    private readonly AppFixture _app;

    /// <param name="app">The test app.</param>
    /// <param name="host">Another host of the app (e.g. one with its own settings); the shared one when null.</param>
    public HtmlSession(AppFixture app, WebApplicationFactory<Program>? host = null)
    {
        _app = app;
        Client = (host ?? app.Factory).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <param name="app">The test app.</param>
    /// <param name="client">A client of the app over real HTTP (e.g. through a reverse proxy), without automatic redirects, keeping cookies.</param>
    public HtmlSession(AppFixture app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public const string Password = "Test-password-2026";

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await ParseAsync(response, url));
    }

    /// <summary>The path a document was loaded from: forms without an action post back to it.</summary>
    public static string UrlOf(IHtmlDocument document) => Urls.TryGetValue(document, out var url) ? url : "/";

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response, string url)
    {
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Urls.AddOrUpdate(document, url);
        return document;
    }

    /// <summary>Fills the form (first one, or the one matching <paramref name="formSelector"/>) and submits it.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> SubmitAsync(IHtmlDocument page, IDictionary<string, string> fields,
        string? formSelector = null, string? action = null)
    {
        var form = (formSelector is null ? page.Forms.FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)) : page.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException("No form found on the page.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type is "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            if (!fields.ContainsKey(input.Name!))
                values.Add(new(input.Name!, input.Value));
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var url = action ?? (string.IsNullOrEmpty(form.GetAttribute("action")) ? UrlOf(page) : form.GetAttribute("action")!);
        var response = await Client.PostAsync(url, new FormUrlEncodedContent(values));
        return (response, await ParseAsync(response, url));
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> FollowAsync(HttpResponseMessage response)
    {
        var current = response;
        var url = "/";
        var hops = 0;
        while (current.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops++ < 5)
        {
            var location = current.Headers.Location!;
            url = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            current = await Client.GetAsync(url);
        }
        return (current, await ParseAsync(current, url));
    }

    /// <summary>Creates a staff account with the role and signs in through the real login page.</summary>
    public async Task SignInAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await CreateStaffAsync(_app, email, role);
        var (_, login) = await GetAsync("/Account/Login");
        var (response, _) = await SubmitAsync(login, new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {role} failed with {(int)response.StatusCode}.");
    }

    public static async Task CreateStaffAsync(AppFixture app, string email, params string[] roles)
    {
        await app.WithScopeAsync(async sp =>
        {
            var roleManager = sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            foreach (var role in roles)
            {
                if (!await roleManager.RoleExistsAsync(role))
                    await roleManager.CreateAsync(new IdentityRole<Guid>(role));
            }
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRolesAsync(user, roles);
        });
    }

    public void Dispose() => Client.Dispose();
}
