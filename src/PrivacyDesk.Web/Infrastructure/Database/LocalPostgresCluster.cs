using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PrivacyDesk.Web.Infrastructure.Database;

/// <summary>
/// A real PostgreSQL server started from the machine's binaries in a folder we own: the development
/// default when no connection string is configured, and the throwaway cluster of the test fixture.
/// As root, the server runs as the <c>postgres</c> user (initdb refuses root; platform.md).
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string PortFile = "privacydesk.port";
    private readonly string _binDir;
    private readonly bool _asPostgresUser;

    private LocalPostgresCluster(string dataDirectory, int port, string binDir, bool asPostgresUser)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _binDir = binDir;
        _asPostgresUser = asPostgresUser;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 100,
        }.ConnectionString;

    /// <summary>
    /// Starts (initialising if needed) a cluster in <paramref name="dataDirectory"/>, or reuses the one
    /// already running there, and makes sure <paramref name="database"/> exists.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, string database, bool throwaway, CancellationToken ct = default)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        var binDir = FindBinaries();
        var asPostgres = Environment.UserName == "root" || IsRoot();
        Directory.CreateDirectory(dataDirectory);
        if (asPostgres)
            await RunAsync("chown", ["-R", "postgres:postgres", dataDirectory], asPostgres: false, ct);

        var fresh = !File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));
        if (fresh)
        {
            await RunAsync(Path.Combine(binDir, "initdb"),
                ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asPostgres, ct);
        }

        var portPath = Path.Combine(dataDirectory, PortFile);
        int port;
        if (!fresh && File.Exists(portPath) && int.TryParse(await File.ReadAllTextAsync(portPath, ct), out var saved))
            port = saved;
        else
            port = FreePort();

        var cluster = new LocalPostgresCluster(dataDirectory, port, binDir, asPostgres);
        if (!await cluster.IsRunningAsync(ct))
        {
            if (!IsPortFree(port))
                port = FreePort();
            cluster = new LocalPostgresCluster(dataDirectory, port, binDir, asPostgres);
            await File.WriteAllTextAsync(portPath, port.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c shared_buffers=256MB"
                + (throwaway ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
            await RunAsync(Path.Combine(binDir, "pg_ctl"),
                ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres, ct);
        }

        await cluster.EnsureDatabaseAsync(database, ct);
        return cluster;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        // Unpooled: after a restart of the same cluster a pooled admin connection would be a dead one (57P01).
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task StopAsync()
    {
        if (await IsRunningAsync(CancellationToken.None))
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _asPostgresUser, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        var (code, _) = await TryRunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDirectory, "status"], _asPostgresUser, ct);
        return code == 0;
    }

    private static string FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
                return dir;
        }
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var best = Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (best is not null)
                return best;
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them (apt-get install postgresql) or set ConnectionStrings:PrivacyDesk.");
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllText("/proc/self/status").Split('\n')
                .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
                .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres, CancellationToken ct)
    {
        var (code, output) = await TryRunAsync(file, args, asPostgres, ct);
        if (code != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {code}: {output}");
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string file, string[] args, bool asPostgres, CancellationToken ct)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        // pg_ctl start leaves the server running; its inherited pipes must not keep us waiting.
        psi.WorkingDirectory = "/tmp";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
