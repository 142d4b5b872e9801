using PrivacyDesk.Domain.Candidates;

namespace PrivacyDesk.Web.Features.Api;

public sealed record PayrollInput(PayrollDocumentType DocumentType, int Year, int? Month, decimal GrossAmount, decimal NetAmount, string? BankAccount);
