using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>
/// One error per problem, beside its field: a form shows its fields' messages itself, and the summary
/// at the top lists only what no field shows (page-level refusals, conflicts).
/// </summary>
public static class StaffErrors
{
    public static string? Field(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <remarks>
    /// MVC's own binding check of a field (its implicit "required" for a non-nullable string, in English) is the same
    /// problem the command's validator reports under "Data.": only the validator's message, in the page's language, shows.
    /// </remarks>
    public static IReadOnlyList<string> Others(ModelStateDictionary state, params string[] shownBesideFields) =>
        state.Where(kv => !shownBesideFields.Contains(kv.Key, StringComparer.Ordinal) && !SaidByValidator(state, kv.Key))
            .SelectMany(kv => kv.Value?.Errors.Select(e => e.ErrorMessage) ?? []).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static bool SaidByValidator(ModelStateDictionary state, string key) =>
        key.Length > 0 && !key.StartsWith("Data.", StringComparison.Ordinal)
        && state.TryGetValue("Data." + key, out var validated) && validated.Errors.Count > 0;
}
