namespace PrivacyDesk.Web.Features.Api;

/// <summary>Belgian national register number (INSZ/NISS): 11 digits, the last two a mod-97 check.</summary>
public static class NationalNumber
{
    public static string Normalise(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    public static bool IsValid(string value)
    {
        if (value.Length > 20 || value.Any(c => !(char.IsAsciiDigit(c) || c is '.' or '-' or ' ')))
            return false;
        var digits = Normalise(value);
        if (digits.Length != 11)
            return false;
        var body = long.Parse(digits[..9], System.Globalization.CultureInfo.InvariantCulture);
        var check = int.Parse(digits[9..], System.Globalization.CultureInfo.InvariantCulture);
        // Born before 2000: 97 - (first nine mod 97); from 2000: the same over "2" + the first nine.
        return check == 97 - (int)(body % 97) || check == 97 - (int)((2_000_000_000L + body) % 97);
    }
}
