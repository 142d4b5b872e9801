namespace PrivacyDesk.Domain.Common;

/// <summary>
/// The one phone normaliser: E.164 ("+32470123456"), used to store a candidate's phone, to match a requester on it
/// (ID-*) and to hash it for the suppression list (ER-8), so that "0470 12 34 56", "+32 470 12 34 56" and
/// "0032 (0)470/12.34.56" are the same number everywhere. Numbers without a country code are Belgian.
/// </summary>
public static class PhoneNumber
{
    public static string? ToE164(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (!trimmed.StartsWith('+'))
        {
            if (digits.StartsWith("00", StringComparison.Ordinal))
                digits = digits[2..];
            else if (digits.StartsWith('0'))
                digits = "32" + digits[1..];
        }
        // The Belgian trunk zero written after the country code ("+32 (0)470 …") is not part of the number.
        if (digits.StartsWith("320", StringComparison.Ordinal))
            digits = "32" + digits[3..];
        return digits.Length is >= 8 and <= 15 ? "+" + digits : null;
    }
}
