using System.Globalization;
using System.Text;

namespace PrivacyDesk.Domain.Deadlines;

/// <summary>
/// ISO 8601 duration restricted to years, months and days (gdpr-rules.md §4.2): P5Y, P24M, P1Y6M, P0D.
/// Weeks, time parts and negative values are rejected because RET-4 has no meaning for them.
/// </summary>
public readonly record struct IsoPeriod(int Years, int Months, int Days)
{
    public static IsoPeriod Zero => default;

    /// <summary>Years and months as one month count, the unit RET-4 adds in one step.</summary>
    public int TotalMonths => checked((Years * 12) + Months);

    public static IsoPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not an ISO 8601 period of the form PnYnMnD.");
    }

    public static bool TryParse(string? text, out IsoPeriod period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || text.Length < 3 || text[0] != 'P')
        {
            return false;
        }

        int years = 0, months = 0, days = 0;
        var lastDesignator = -1; // index into "YMD": components must come in this order, once each
        var i = 1;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            // Needs at least one digit followed by a designator (rules out "P", "PY", "P-1Y", "PT1H").
            if (i == start || i == text.Length
                || !int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var designator = "YMD".IndexOf(text[i], StringComparison.Ordinal);
            if (designator <= lastDesignator)
            {
                return false; // unknown designator (W, T, H, lower case …), duplicate or out of order
            }

            lastDesignator = designator;
            switch (designator)
            {
                case 0: years = value; break;
                case 1: months = value; break;
                default: days = value; break;
            }

            i++;
        }

        // Guard TotalMonths against overflow so a parsed period is always usable.
        if (years > (int.MaxValue - months) / 12)
        {
            return false;
        }

        period = new IsoPeriod(years, months, days);
        return true;
    }

    /// <summary>Canonical text: zero components omitted, "P0D" for the empty period; components are not normalised (P24M stays P24M).</summary>
    public override string ToString()
    {
        if (Years == 0 && Months == 0 && Days == 0)
        {
            return "P0D";
        }

        var sb = new StringBuilder("P");
        if (Years != 0)
        {
            sb.Append(Years.ToString(CultureInfo.InvariantCulture)).Append('Y');
        }

        if (Months != 0)
        {
            sb.Append(Months.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (Days != 0)
        {
            sb.Append(Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        return sb.ToString();
    }
}
