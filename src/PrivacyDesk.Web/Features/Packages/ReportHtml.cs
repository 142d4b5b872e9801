using System.Text;
using System.Text.Encodings.Web;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>The HTML pieces the access report is written with (every text encoded), and its stylesheet.</summary>
public static class ReportHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string E(string? text) => Html.Encode(text ?? "");

    /// <summary>A table cell that carries its column name, so a phone can show each row as a labelled card.</summary>
    public static void Cell(this StringBuilder html, string label, string? text) =>
        html.Append("<td data-label=\"").Append(E(label)).Append("\">").Append(E(text)).Append("</td>");

    public static void Tag(this StringBuilder html, string tag, string? text) => html.Append('<').Append(tag).Append('>').Append(E(text)).Append("</").Append(tag).Append('>');

    public static void Para(this StringBuilder html, string? text, string? cssClass = null)
    {
        html.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(E(text)).Append("</p>\n");
    }

    public static void Section(this StringBuilder html, string title) => html.Append("<h2>").Append(E(title)).Append("</h2>\n");

    public static void Fact(this StringBuilder html, string term, string? value) => html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    /// <summary>The report's own stylesheet: the file is self-contained, readable on a phone and printable.</summary>
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;line-height:1.5;margin:0;background:#fff}
        main{max-width:60rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.7rem;color:#0b4f8a}h2{font-size:1.3rem;border-bottom:2px solid #d3d9e0;padding-bottom:.2rem;margin-top:2rem}
        h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:1rem;margin:1rem 0 .3rem}
        .facts{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.2rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
        table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.3rem 0 1rem}th,td{border:1px solid #d3d9e0;padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:#eef2f6}td{overflow-wrap:anywhere}.reason{color:#4a5460;font-size:.92rem}.confirmation{font-weight:600}
        .warn,.under-review{color:#8a5a00}.purpose{page-break-inside:auto}
        .record{border:1px solid #d3d9e0;border-radius:.3rem;padding:.5rem .75rem;margin:.4rem 0 .8rem}.facts dd{overflow-wrap:anywhere;min-width:0}
        .summary{border:2px solid #0b4f8a;border-radius:.4rem;padding:0 1rem .5rem;margin:1rem 0 2rem}.summary h2{border:0;margin-top:1rem}
        @media (max-width:40rem){main{padding:1rem}.facts{grid-template-columns:minmax(0,1fr)}.facts dd{margin-bottom:.4rem}
          table,thead,tbody,tr,th,td{display:block}thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          tr{border:1px solid #d3d9e0;border-radius:.3rem;margin-bottom:.6rem}td{border:0;border-bottom:1px solid #eef2f6}
          td::before{content:attr(data-label);display:block;font-weight:600;color:#4a5460;font-size:.85rem}}
        @media print{main{padding:0;max-width:none}.summary{page-break-after:always}h2{page-break-after:avoid}tr{page-break-inside:avoid}a[href^="data:"]{display:none}}
        """;
}
