using AngleSharp.Dom;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Portal;

/// <summary>Posting the portal's forms the way a browser without JavaScript does (several values per name allowed).</summary>
public static partial class PortalTestKit
{
    private static readonly HtmlParser Parser = new();

    public static IReadOnlyList<KeyValuePair<string, string>> Valid(params string[] types)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Data.FirstName", "An"),
            new("Data.LastName", "Peeters-D'Hondt"),
            new("Data.Email", "an.peeters@example.be"),
            new("Data.Phone", "+32 470 12 34 56"),
            new("Data.DateOfBirth", "1990-04-17"),
            new("Data.Language", "nl"),
            new("Data.ContactConsent", "true"),
        };
        fields.AddRange(types.Select(t => new KeyValuePair<string, string>("Data.Types", t)));
        return fields;
    }

    public static List<KeyValuePair<string, string>> With(this IReadOnlyList<KeyValuePair<string, string>> fields, string name, string value)
    {
        var list = fields.Where(f => f.Key != name).ToList();
        list.Add(new(name, value));
        return list;
    }

    public static List<KeyValuePair<string, string>> Plus(this IReadOnlyList<KeyValuePair<string, string>> fields, string name, string value)
    {
        var list = fields.ToList();
        list.Add(new(name, value));
        return list;
    }

    public static List<KeyValuePair<string, string>> Without(this IReadOnlyList<KeyValuePair<string, string>> fields, string name) =>
        fields.Where(f => f.Key != name).ToList();

    /// <summary>Loads the form and posts it with its hidden fields (antiforgery, submission key) plus the given values.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page, string SubmissionKey)> SubmitNewAsync(HtmlSession session,
        IEnumerable<KeyValuePair<string, string>> fields, string url = "/Requests/New")
    {
        var (_, form) = await session.GetAsync(url);
        var key = form.QuerySelector<IHtmlInputElement>("input[name='Data.SubmissionKey']")!.Value;
        var (response, page) = await PostFormAsync(session, form, fields);
        return (response, page, key);
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostFormAsync(HtmlSession session, IHtmlDocument page,
        IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null)
    {
        var form = (formSelector is null ? page.Forms.First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)) : page.QuerySelector<IHtmlFormElement>(formSelector))!;
        var values = fields.ToList();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            if (!values.Any(v => v.Key == hidden.Name))
                values.Add(new(hidden.Name!, hidden.Value));
        }
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? HtmlSession.UrlOf(page) : WebUtility.HtmlDecode(action);
        var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(values));
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostMultipartAsync(HtmlSession session, IHtmlDocument page, string formSelector,
        IEnumerable<KeyValuePair<string, string>> fields, (string Name, string FileName, byte[] Content, string ContentType)? file)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)!;
        using var content = new MultipartFormDataContent();
        var values = fields.ToList();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            if (!values.Any(v => v.Key == hidden.Name))
                values.Add(new(hidden.Name!, hidden.Value));
        }
        foreach (var (k, v) in values)
            content.Add(new StringContent(v), k);
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.ContentType);
            content.Add(bytes, f.Name, f.FileName);
        }
        var response = await session.Client.PostAsync(WebUtility.HtmlDecode(form.GetAttribute("action")!), content);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The link of a template's newest queued e-mail (outbox body), relative to the site.</summary>
    public static async Task<string> LinkFromOutboxAsync(AppFixture app, string template, string path, Guid? requestId = null)
    {
        var body = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Template == template && (requestId == null || m.RequestId == requestId))
            .OrderByDescending(m => m.CreatedAt).Select(m => m.BodyText).FirstAsync());
        return LinkIn(body, path);
    }

    public static string LinkIn(string text, string path)
    {
        var match = Regex.Match(text, "https?://[^/\\s]+(" + Regex.Escape(path) + "\\?[^\\s]+)");
        Assert.True(match.Success, $"No {path} link in: {text}");
        return match.Groups[1].Value;
    }

    public static string Query(string url, string name) =>
        Regex.Match(url, "[?&]" + name + "=([^&]+)").Groups[1].Value is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "";

    public static string? FieldError(IHtmlDocument page, string fieldId) => page.GetElementById(fieldId + "-error")?.TextContent.Trim();
}
