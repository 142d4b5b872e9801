using PrivacyDesk.Domain.Audit;

namespace PrivacyDesk.UnitTests;

public sealed class AuditChainTests
{
    private static readonly AuditChain.Fields Event = new(7, new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero).AddTicks(12345678), "dpo", "request.decided",
        "Decision: Approved.", Guid.Parse("0192f0f0-0000-7000-8000-000000000001"), null, null);

    [Fact]
    public void Should_chain_to_the_previous_hash_and_change_with_any_field()
    {
        var a = AuditChain.Hash(null, Event);
        Assert.Equal(64, a.Length);
        Assert.Equal(a, AuditChain.Hash(null, Event));
        Assert.NotEqual(a, AuditChain.Hash("00", Event));
        Assert.NotEqual(a, AuditChain.Hash(null, Event with { Summary = "Decision: Refused." }));
        Assert.NotEqual(a, AuditChain.Hash(null, Event with { Sequence = 8 }));
        // Field boundaries are part of the canonical text: moving a character between fields changes the hash.
        Assert.NotEqual(AuditChain.Hash(null, Event with { Actor = "ab", Type = "c" }), AuditChain.Hash(null, Event with { Actor = "a", Type = "bc" }));
    }

    [Fact]
    public void Should_ignore_sub_microsecond_ticks_that_the_database_does_not_keep()
    {
        var stored = Event with { OccurredAt = Event.OccurredAt.AddTicks(-(Event.OccurredAt.UtcTicks % 10)) };
        Assert.Equal(AuditChain.Hash(null, Event), AuditChain.Hash(null, stored));
    }
}
