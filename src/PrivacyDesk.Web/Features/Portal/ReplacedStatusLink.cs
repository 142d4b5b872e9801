namespace PrivacyDesk.Web.Features.Portal;

/// <summary>
/// The hash of a status link that a newer one replaced, so the old link can say "this link was replaced,
/// use the newest e-mail or ask again" instead of "not found". Only the hash is kept, like the live link's;
/// the row goes with its request.
/// </summary>
public sealed class ReplacedStatusLink
{
    public Guid Id { get; set; } = Ids.New();
    public Guid RequestId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset ReplacedAt { get; set; }
}
