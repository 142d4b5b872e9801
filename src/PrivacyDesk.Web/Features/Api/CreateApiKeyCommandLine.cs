namespace PrivacyDesk.Web.Features.Api;

/// <summary><c>create-api-key NAME --role ROLE</c>: logs go to stderr, the key alone on the last line of stdout.</summary>
public static class CreateApiKeyCommandLine
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? name = null;
        string? role = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length)
                role = args[++i];
            else if (args[i].StartsWith("--role=", StringComparison.Ordinal))
                role = args[i]["--role=".Length..];
            else if (name is null && !args[i].StartsWith("--", StringComparison.Ordinal))
                name = args[i];
            else
                return await UsageAsync();
        }
        if (name is null || role is null)
            return await UsageAsync();

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var mediator = services.GetRequiredService<IMediator>();
        try
        {
            var created = await mediator.Send(new CreateApiKey.Command { Name = name, Role = role });
            await output.WriteLineAsync($"Created API key '{created.Name}' (prefix {created.Prefix}, role {created.Role}). It is shown once: store it now.");
            await output.WriteLineAsync(created.Key);
            return 0;
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
                await Console.Error.WriteLineAsync($"create-api-key: {ApiJson.FieldName(error.PropertyName)}: {error.ErrorMessage}");
            return 1;
        }
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync($"usage: create-api-key NAME --role {string.Join('|', Roles.All)}");
        return 2;
    }
}
