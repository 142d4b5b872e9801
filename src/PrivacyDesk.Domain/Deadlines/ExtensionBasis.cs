namespace PrivacyDesk.Domain.Deadlines;

/// <summary>How the extended due date is counted (EXT-3).</summary>
public enum ExtensionBasis
{
    ThreeMonthsFromStart,  // addMonths(R_start, 3), default
    TwoStepConservative,   // addMonths(addMonths(R_start, 1), 2), same or earlier
}
