using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace PrivacyDesk.Web.Infrastructure.Logging;

/// <summary>
/// Writes log events from one background task: the request thread only enqueues (bounded channel), the task
/// formats them and writes them to a buffered stream, flushed after each batch. Serilog.Sinks.Async does not
/// restore here (platform.md). When the queue is full (the writer cannot keep up), events are dropped rather
/// than slowing requests down, and the number dropped is logged as soon as there is room again.
/// </summary>
public sealed class BackgroundLogSink : ILogEventSink, IDisposable
{
    private readonly Channel<LogEvent> _queue;
    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    private readonly Task _worker;
    private long _dropped;

    public BackgroundLogSink(ITextFormatter formatter, Stream output, int capacity = 10_000)
    {
        _formatter = formatter;
        _output = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: returns false when full, so drops are counted
            SingleReader = true,
            SingleWriter = false,
        });
        _worker = Task.Run(WriteAllAsync);
    }

    /// <summary>Events dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Emit(LogEvent logEvent)
    {
        if (!_queue.Writer.TryWrite(logEvent))
            Interlocked.Increment(ref _dropped);
    }

    private async Task WriteAllAsync()
    {
        long reported = 0;
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var logEvent))
                Write(logEvent);
            var dropped = Dropped;
            if (dropped != reported)
            {
                Write(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null,
                    new Serilog.Parsing.MessageTemplateParser().Parse("{DroppedLogEvents} log events dropped: the log writer could not keep up"),
                    [new LogEventProperty("DroppedLogEvents", new ScalarValue(dropped - reported))]));
                reported = dropped;
            }
            await _output.FlushAsync().ConfigureAwait(false);
        }
        await _output.FlushAsync().ConfigureAwait(false);
    }

    private void Write(LogEvent logEvent)
    {
        try
        {
            _formatter.Format(logEvent, _output);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or IOException)
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log formatting failed: {ex.GetType().Name}"));
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _worker.Wait(TimeSpan.FromSeconds(5));
        _output.Dispose();
    }
}
