namespace PrivacyDesk.Web.Features.Api;

public sealed record TaxInput(int TaxYear, string? Form, decimal TaxableAmount, decimal WithholdingTax);
