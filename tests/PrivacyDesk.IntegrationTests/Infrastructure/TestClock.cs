namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>A settable TimeProvider (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = DefaultNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
