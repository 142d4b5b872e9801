namespace PrivacyDesk.Domain.Deadlines;

public sealed record Holiday(DateOnly Date, string Name);
