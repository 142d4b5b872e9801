namespace PrivacyDesk.Domain.Plans;

/// <summary>One line of the client ledger: which client company received data, for which purpose (Art. 19 recipients, 2.0.7).</summary>
public sealed record LedgerEntry(string ClientCompany, string PurposeCode);
