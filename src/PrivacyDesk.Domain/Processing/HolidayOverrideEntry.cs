namespace PrivacyDesk.Domain.Processing;

/// <summary>DL-12: one-off changes to the legal holiday calendar made by Royal Decree.</summary>
public sealed class HolidayOverrideEntry
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public DateOnly? MovedTo { get; set; }
}
