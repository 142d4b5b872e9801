using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PrivacyDesk.Web.Infrastructure.Hosting;

namespace PrivacyDesk.IntegrationTests.Hosting;

/// <summary>The loop the waiting job and the retention sweep share: a database error is logged and the job runs again.</summary>
public sealed class PeriodicJobServiceTests
{
    [Fact]
    public async Task Should_log_a_database_error_and_keep_running_the_job()
    {
        await using var provider = new ServiceCollection().BuildServiceProvider();
        var logger = new ListLogger();
        using var job = new FlakyJob(provider.GetRequiredService<IServiceScopeFactory>(), logger);

        await job.StartAsync(CancellationToken.None);
        var third = await Task.WhenAny(job.ThirdRun.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        await job.StopAsync(CancellationToken.None);

        Assert.Same(job.ThirdRun.Task, third);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("Flaky job failed: NpgsqlException; retrying on the next run", warning.Message);
        Assert.DoesNotContain("secret@example.be", warning.Message, StringComparison.Ordinal); // the type only, never the message
        Assert.True(job.Scopes.Distinct().Count() >= 3); // each run in its own scope
    }

    private sealed class FlakyJob(IServiceScopeFactory scopes, ILogger logger) : PeriodicJobService(scopes, logger)
    {
        private int _runs;

        public TaskCompletionSource ThirdRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<IServiceProvider> Scopes { get; } = [];

        protected override string JobName => "Flaky job";

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(10);

        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
        {
            Scopes.Add(services);
            var run = Interlocked.Increment(ref _runs);
            if (run == 1)
                throw new NpgsqlException("connection to secret@example.be's server refused");
            if (run == 3)
                ThirdRun.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
