using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Processing;

namespace PrivacyDesk.Domain.Retention;

/// <summary>
/// §4.5, ER-4: the register may lengthen a statutory period but never shorten it below the statute, for a
/// rule that is the statutory period (StatutoryMinimum) or belongs to a purpose the law imposes (6(1)(c)).
/// Only the periods §4.5 substantiates with medium or high confidence are enforced.
/// </summary>
public static class StatutoryFloors
{
    public static readonly IReadOnlyList<StatutoryFloor> All =
    [
        new(DataCategory.Payroll, new IsoPeriod(5, 0, 0),
            "Royal Decree of 8 August 1980 on keeping social documents, arts. 2, 16 and 25 (individual account and payslips: 5 years)"),
        new(DataCategory.Tax, new IsoPeriod(10, 0, 0),
            "Income Tax Code 1992 art. 315, as amended by the Law of 20 November 2022 (tax records: 10 years)"),
    ];

    private static readonly DateOnly Reference = new(2000, 1, 1);

    /// <summary>The floor this rule would go below, or null when it respects every statute that applies to it.</summary>
    public static StatutoryFloor? Breached(DataCategory category, RetentionKind kind, LegalBasis basis, IsoPeriod period)
    {
        if (kind != RetentionKind.StatutoryMinimum && basis != LegalBasis.LegalObligation)
            return null;
        var floor = All.FirstOrDefault(f => f.Category == category);
        return floor is not null && End(period) < End(floor.Minimum) ? floor : null;
    }

    private static DateOnly End(IsoPeriod p) => Reference.AddYears(p.Years).AddMonths(p.Months).AddDays(p.Days);
}
