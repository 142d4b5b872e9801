using PrivacyDesk.Domain.Common;

namespace PrivacyDesk.UnitTests.Common;

/// <summary>Ids.New keeps the layout of Guid.CreateVersion7 while taking its random bits from a buffer.</summary>
public class IdsTests
{
    [Fact]
    public void Ids_are_uuid_v7_with_the_current_time_and_the_rfc_variant()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Ids.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2); // RFC 9562 variant: 10xx
        var text = id.ToString("N");
        var ms = Convert.ToInt64(text[..12], 16);
        Assert.InRange(ms, before, after);
    }

    [Fact]
    public void Ids_are_unique_across_many_buffer_refills_and_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 20_000; i++)
                ids.Add(Ids.New());
        });

        Assert.Equal(80_000, ids.Distinct().Count());
        Assert.All(ids.Take(1_000), id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public void Ids_made_in_later_milliseconds_sort_after_earlier_ones()
    {
        var first = Ids.New();
        Thread.Sleep(5);
        var second = Ids.New();

        Assert.True(string.CompareOrdinal(first.ToString("N"), second.ToString("N")) < 0);
    }
}
