using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace PrivacyDesk.Web.Pages.Requests;

/// <summary>
/// Accessible errors for the portal forms: each field's message has an id the field points to with
/// aria-describedby (next to its hint), and the summary at the top links to the fields.
/// </summary>
public static class FormErrors
{
    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string ErrorId(string name) => Id(name) + "-error";

    public static string HintId(string name) => Id(name) + "-hint";

    public static string? Message(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static bool Has(ModelStateDictionary state, string name) => Message(state, name) is not null;

    /// <summary>The aria-describedby value: the hint (when there is one) and the error (when there is one); null = no attribute.</summary>
    public static string? DescribedBy(ModelStateDictionary state, string name, bool hint = false)
    {
        var ids = new List<string>();
        if (hint)
            ids.Add(HintId(name));
        if (Has(state, name))
            ids.Add(ErrorId(name));
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public static string? Invalid(ModelStateDictionary state, string name) => Has(state, name) ? "true" : null;

    /// <summary>Every error in form order (as ModelState holds them), with the id of the field it belongs to.</summary>
    public static IReadOnlyList<(string? FieldId, string Message)> All(ModelStateDictionary state) =>
        state.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Take(1).Select(err => (string.IsNullOrEmpty(e.Key) ? null : Id(e.Key), err.ErrorMessage)))
            .ToList();
}
