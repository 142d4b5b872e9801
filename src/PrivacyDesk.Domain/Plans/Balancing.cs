namespace PrivacyDesk.Domain.Plans;

/// <summary>
/// The DPO's balancing for one purpose (OB-2): the controller must demonstrate compelling legitimate grounds
/// that override the person's interests; <see cref="Grounds"/> is that demonstration, required when compelling.
/// </summary>
public sealed record Balancing(bool Compelling, string? Grounds, DateOnly RecordedOn);
