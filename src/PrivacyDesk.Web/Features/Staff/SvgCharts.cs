using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// Server-rendered bar charts: SVG with presentation attributes and CSS classes only (the CSP forbids
/// inline styles); the same numbers are rendered as a table for screen readers by the page.
/// </summary>
public static class SvgCharts
{
    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, double Value)> data, string cssClass = "bar")
    {
        const int rowHeight = 26, labelWidth = 170, chartWidth = 360, valueWidth = 60;
        var max = data.Count == 0 ? 1 : Math.Max(1, data.Max(d => d.Value));
        var height = Math.Max(1, data.Count) * rowHeight + 8;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {labelWidth + chartWidth + valueWidth} {height}\" width=\"{labelWidth + chartWidth + valueWidth}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\" focusable=\"false\">");
        for (var i = 0; i < data.Count; i++)
        {
            var (label, value) = data[i];
            var y = i * rowHeight + 4;
            var w = value <= 0 ? 0 : Math.Max(2, value / max * chartWidth);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"chart-label\">{Encode(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{rowHeight - 8}\" class=\"{cssClass}\" />");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 16}\" class=\"chart-value\">{value:0.#}</text>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
