namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// Opens a request from its public reference and a secret token, stored only as a hash. An unknown
/// reference and a wrong token take the same path (one query, one constant-time comparison) and give
/// the same answer: null.
/// </summary>
public static class SecretLinks
{
    private static readonly string DummyHash = Tokens.Hash("no-such-request");

    public static string CleanReference(string? reference)
    {
        var r = (reference ?? "").Trim().ToUpperInvariant();
        return r.Length is > 0 and <= 20 ? r : "";
    }

    public static async Task<DataSubjectRequest?> ByStatusTokenAsync(IQueryable<DataSubjectRequest> requests, string? reference, string? token, CancellationToken ct)
    {
        var r = CleanReference(reference);
        var request = await requests.FirstOrDefaultAsync(x => x.Reference == r, ct);
        var matches = Tokens.Matches(token ?? "", request?.StatusTokenHash is { Length: > 0 } h ? h : DummyHash);
        return request is not null && matches ? request : null;
    }

    /// <summary>The request whose current verification link this is (expired or not); null otherwise.</summary>
    public static async Task<DataSubjectRequest?> ByVerificationTokenAsync(IQueryable<DataSubjectRequest> requests, string? reference, string? token, CancellationToken ct)
    {
        var r = CleanReference(reference);
        var request = await requests.FirstOrDefaultAsync(x => x.Reference == r, ct);
        var matches = Tokens.Matches(token ?? "", request?.VerificationTokenHash is { Length: > 0 } h ? h : DummyHash);
        return request is not null && matches ? request : null;
    }
}
