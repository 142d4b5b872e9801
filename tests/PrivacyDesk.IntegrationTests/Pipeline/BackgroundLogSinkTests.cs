using System.Text;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Parsing;
using PrivacyDesk.Web.Infrastructure.Logging;

namespace PrivacyDesk.IntegrationTests.Pipeline;

public sealed class BackgroundLogSinkTests
{
    private static LogEvent Event(int i) => new(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
        new MessageTemplateParser().Parse("HTTP {Method} {Route} -> {StatusCode}"),
        [new LogEventProperty("Method", new ScalarValue("POST")), new LogEventProperty("Route", new ScalarValue("/api/v1/requests")),
         new LogEventProperty("StatusCode", new ScalarValue(200 + i))]);

    [Fact]
    public void Should_write_every_event_as_one_json_line_once_disposed()
    {
        using var stream = new MemoryStream();
        var sink = new BackgroundLogSink(new JsonFormatter(renderMessage: true), new KeepOpen(stream));
        for (var i = 0; i < 500; i++)
            sink.Emit(Event(i));
        sink.Dispose();

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, lines.Length);
        Assert.Contains("\"StatusCode\":699", lines[^1], StringComparison.Ordinal);
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public void Should_drop_and_count_rather_than_block_when_the_writer_cannot_keep_up()
    {
        using var blocked = new BlockingStream();
        var sink = new BackgroundLogSink(new JsonFormatter(), blocked, capacity: 10);
        sink.Emit(Event(0));
        Assert.True(blocked.WriteStarted.Wait(TimeSpan.FromSeconds(10)), "the writer never started");
        for (var i = 1; i <= 1000; i++)
            sink.Emit(Event(i)); // returns at once although the writer is stuck

        Assert.Equal(1000 - 10, sink.Dropped); // the queue holds 10
        blocked.Release();
        sink.Dispose();
    }

    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    private sealed class BlockingStream : Stream
    {
        private readonly ManualResetEventSlim _gate = new(false);
        public ManualResetEventSlim WriteStarted { get; } = new(false);
        public void Release() => _gate.Set();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => 0;
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() => _gate.Wait();
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            WriteStarted.Set();
            return Task.Run(_gate.Wait, cancellationToken);
        }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            WriteStarted.Set();
            _gate.Wait();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WriteStarted.Set();
            return new(Task.Run(_gate.Wait, cancellationToken));
        }

        protected override void Dispose(bool disposing)
        {
            _gate.Set();
            if (disposing)
            {
                _gate.Dispose();
                WriteStarted.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
