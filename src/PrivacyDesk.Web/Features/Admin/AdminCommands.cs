using PrivacyDesk.Web.Features.Register;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Admin;

/// <summary>Command-line administration on the web executable (product.md §6).</summary>
public static class AdminCommands
{
    private static readonly AdminCommandRegistry Commands = Build();

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>Every command's name (the README lists each with an example; a test holds it to that).</summary>
    public static IEnumerable<string> Names => Commands.Names;

    private static AdminCommandRegistry Build()
    {
        var registry = new AdminCommandRegistry();
        registry.Add("migrate", MigrateAsync);
        registry.Add("seed-demo", SeedDemoAsync);
        registry.Add("import-policy", ImportPolicyAsync);
        registry.Add("schema-script", SchemaScriptAsync);
        return registry.AddFeatureCommands();
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // Commands act as the system with every staff role; the audit trail names "cli".
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("cli", Roles.Dpo, Roles.Admin, Roles.BackOffice);
        try
        {
            return await Commands.Get(args[0])(scope.ServiceProvider, args[1..], Console.Out);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or Domain.Common.DomainException or FluentValidation.ValidationException)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var applied = await sp.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await output.WriteLineAsync(applied == 0 ? "Schema is up to date." : $"Applied {applied} migration(s).");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        await sp.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await DemoData.DemoSeeder.SeedAsync(sp, output, force: args.Contains("--force"));
        return 0;
    }

    internal static async Task<int> ImportPolicyAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: import-policy FILE");
            return 2;
        }
        var (path, from) = PolicyPackPath(args[0], Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable("PWD"));
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path) ?? from;
            await Console.Error.WriteLineAsync(Directory.Exists(folder)
                ? $"import-policy: there is no file {path} ({args[0]} taken from {from})."
                : $"import-policy: there is no folder {folder} ({args[0]} taken from {from}).");
            return 1;
        }
        await sp.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var json = await File.ReadAllTextAsync(path);
        var mediator = sp.GetRequiredService<MediatR.IMediator>();
        try
        {
            var result = await mediator.Send(new ImportPolicyPack.Command { Json = json });
            await output.WriteLineAsync(result.Summary);
            foreach (var warning in result.Warnings)
                await output.WriteLineAsync("warning: " + warning);
            return 0;
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
                await Console.Error.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            return 1;
        }
    }

    /// <summary>
    /// The pack's full path: relative paths are taken from where the command was run. `dotnet run --project`
    /// starts the app in the project folder, so the shell's PWD (passed through) names that place when it differs.
    /// </summary>
    internal static (string Path, string From) PolicyPackPath(string argument, string currentDirectory, string? shellDirectory)
    {
        if (Path.IsPathRooted(argument))
            return (Path.GetFullPath(argument), "/");
        var here = Path.GetFullPath(argument, currentDirectory);
        if (File.Exists(here) || string.IsNullOrEmpty(shellDirectory) || !Path.IsPathRooted(shellDirectory) || shellDirectory == currentDirectory)
            return (here, currentDirectory);
        return (Path.GetFullPath(argument, shellDirectory), shellDirectory);
    }

    /// <summary>Prints the DDL EF derives from the model; used to write numbered migration scripts.</summary>
    private static async Task<int> SchemaScriptAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        var db = sp.GetRequiredService<PrivacyDeskDbContext>();
        await output.WriteLineAsync(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GenerateCreateScript(db.Database));
        return 0;
    }
}
