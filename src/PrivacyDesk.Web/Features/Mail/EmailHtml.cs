using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PrivacyDesk.Web.Features.Mail;

/// <summary>
/// The HTML part of every e-mail, built from its plain text so both say exactly the same: paragraphs at blank
/// lines, "- " lines as a list, a line ending in ":" before a list as its heading, web addresses as links;
/// the subject is the page's heading.
/// Everything else is encoded; no images, no scripts, no remote content.
/// </summary>
public static partial class EmailHtml
{
    public static string Render(string subject, string text, string? language)
    {
        var lang = language is "fr" or "en" ? language : "nl";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px;background:#f6f8fa;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24\">")
            .Append("<main style=\"display:block;max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d3d9e0;border-radius:6px;padding:16px 20px;overflow-wrap:break-word\">")
            .Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 16px;color:#0b4f8a\">").Append(WebUtility.HtmlEncode(subject)).Append("</h1>");
        foreach (var block in Regex.Split(text.ReplaceLineEndings("\n").Trim(), @"\n\s*\n"))
        {
            var lines = block.Split('\n');
            var inList = false;
            var paragraph = new List<string>();
            void FlushParagraph()
            {
                if (paragraph.Count == 0)
                    return;
                html.Append("<p style=\"margin:0 0 12px\">").Append(string.Join("<br>", paragraph)).Append("</p>");
                paragraph.Clear();
            }
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd();
                if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    FlushParagraph();
                    if (!inList)
                        html.Append("<ul style=\"margin:0 0 12px;padding-left:20px\">");
                    inList = true;
                    html.Append("<li style=\"margin:0 0 4px\">").Append(Inline(line[2..])).Append("</li>");
                    continue;
                }
                if (inList)
                {
                    html.Append("</ul>");
                    inList = false;
                }
                var nextIsList = i + 1 < lines.Length && lines[i + 1].StartsWith("- ", StringComparison.Ordinal);
                if (nextIsList)
                {
                    FlushParagraph();
                    html.Append("<p style=\"margin:12px 0 4px\"><strong>").Append(Inline(line)).Append("</strong></p>");
                }
                else
                    paragraph.Add(Inline(line));
            }
            if (inList)
                html.Append("</ul>");
            FlushParagraph();
        }
        return html.Append("</main></body></html>").ToString();
    }

    private static string Inline(string text)
    {
        var encoded = WebUtility.HtmlEncode(text);
        return Url().Replace(encoded, m => $"<a href=\"{m.Value}\" style=\"color:#0b4f8a;word-break:break-all\">{m.Value}</a>");
    }

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex Url();
}
