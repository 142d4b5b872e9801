namespace PrivacyDesk.Web.Features.Api;

/// <summary>A consent with its evidence (Art. 7(1)): when, how, what proves it, double opt-in.</summary>
public sealed record ConsentInput(string PurposeCode, DateTimeOffset GivenAt, string Method, string? Evidence, bool DoubleOptIn, DateTimeOffset? WithdrawnAt, string? WithdrawalChannel);
