using Microsoft.Extensions.Time.Testing;

namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>The tests' clock is Microsoft's FakeTimeProvider; this gives it the start time and a settable Now.</summary>
public static class TestTime
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create(DateTimeOffset? now = null) => new(now ?? DefaultNow);

    extension(FakeTimeProvider clock)
    {
        /// <summary>
        /// Reads or sets the time. Setting uses AdjustTime, which (unlike SetUtcNow) may go back: each test starts
        /// from <see cref="DefaultNow"/> again, and a deadline test may start in spring.
        /// </summary>
        public DateTimeOffset Now
        {
            get => clock.GetUtcNow();
            set => clock.AdjustTime(value);
        }
    }
}
