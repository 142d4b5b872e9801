namespace PrivacyDesk.Domain.Common;

public static class Ids
{
    /// <summary>Time-ordered ids keep b-tree inserts local (UUID v7).</summary>
    public static Guid New() => Guid.CreateVersion7();
}
