using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Faults;

/// <summary>
/// Sets process environment variables for a host built inside the scope (Program.cs reads them before
/// builder.Build()) and puts the old values back. Safe because every integration test runs in the one
/// sequential "app" collection.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    private EnvironmentScope(IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public static EnvironmentScope Set(IReadOnlyDictionary<string, string> values) => new(values);

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, int pollMilliseconds = 100)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(pollMilliseconds);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task ForPortAsync(int port, TimeSpan timeout, string what) =>
        await UntilAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeout, what);
}

/// <summary>
/// The real app as a child process: <c>dotnet PrivacyDesk.Web.dll [admin command]</c> from this build's
/// output, with its own environment (connection string, mail folder, keys). Killed with its process tree
/// on dispose, so a failing test leaves nothing running.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static string WebDll { get; } = Path.Combine(AppContext.BaseDirectory, "PrivacyDesk.Web.dll");

    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Content root: appsettings.json and wwwroot of the project.
            WorkingDirectory = Path.Combine(BrowserHost.RepositoryRoot(), "src", "PrivacyDesk.Web"),
        };
        psi.ArgumentList.Add(WebDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // The test process carries the fixture's settings (shared database, background services off): start clean.
        foreach (var name in psi.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(name);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the app process.");
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>SIGKILL of the whole tree: no shutdown hooks, no rollback by the app, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app process did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}

/// <summary>A real SMTP server (Debian's python3-aiosmtpd, run by /usr/bin/python3) that prints every message it receives.</summary>
internal sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SmtpServer(Process process) => _process = process;

    public string Received
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<SmtpServer> StartAsync(int port)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var process = Process.Start(new ProcessStartInfo(python, $"-u -m aiosmtpd -n -l 127.0.0.1:{port}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var server = new SmtpServer(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Wait.ForPortAsync(port, TimeSpan.FromSeconds(15), "the SMTP server to listen");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public int Count(string what) => Occurrences(Received, what);

    public static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>
/// A canonical dump of what a database holds about people: every row of the personal-data tables, the
/// candidates, the erasure ledger, the suppression list and the work tasks, as JSON with the values that
/// differ between two equal runs removed (generated ids, instants) and rows sorted. Two runs that did the
/// same work produce the same text.
/// </summary>
internal static class CanonicalDump
{
    private static readonly string[] Tables =
    [
        "candidates", "applications", "assignments", "candidate_documents", "client_disclosures", "complaints", "consents",
        "contact_messages", "education", "emergency_contacts", "evaluations", "interview_notes", "language_skills",
        "payroll_records", "photos", "professional_emails", "survey_answers", "tax_records", "work_experience",
        "suppression_entries", "work_tasks",
    ];

    public static async Task<string> OfAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var dump = new StringBuilder();
        foreach (var table in Tables)
        {
            var rows = new List<string>();
            await using (var cmd = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM {table} t", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    rows.Add(Canonical(reader.GetString(0)));
            }
            rows.Sort(StringComparer.Ordinal);
            dump.Append(table).Append(" (").Append(rows.Count).AppendLine(")");
            foreach (var row in rows)
                dump.Append("  ").AppendLine(row);
        }

        // The ledger: counts per candidate, record set, rule and action (a sweep may split one person's rows over two chunks).
        dump.AppendLine("erasure_ledger");
        await using (var ledger = new NpgsqlCommand("""
            SELECT k || ' = ' || sum(n) FROM (
                SELECT c.registered_on || '/' || coalesce(c.last_name, '') || '/' || l.record_set || '/' || coalesce(l.rule_code, '') || '/' || l.action
                       || '/' || coalesce(l.due_on::text, '') || '/' || (l.request_id IS NOT NULL) || '/' || (l.legal_hold_id IS NOT NULL) AS k, l.count AS n
                FROM erasure_ledger l JOIN candidates c ON c.id = l.candidate_id) x
            GROUP BY k ORDER BY k
            """, conn))
        await using (var reader = await ledger.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                dump.Append("  ").AppendLine(reader.GetString(0));
        }
        return dump.ToString();
    }

    private static string Canonical(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var (key, value) in node.ToList())
        {
            var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
            if (key == "xmin" || (text is not null && Guid.TryParse(text, out _)))
                node.Remove(key);
            else if (key.EndsWith("_at", StringComparison.Ordinal) && value is not null)
                node[key] = "<set>"; // an instant differs between two runs; whether it is set does not
        }
        // The control and the interrupted run are two requests, so their references differ (PD-2026-000001, -000002).
        return System.Text.RegularExpressions.Regex.Replace(node.ToJsonString(), @"PD-\d{4}-\d{6}", "PD-<reference>");
    }
}
