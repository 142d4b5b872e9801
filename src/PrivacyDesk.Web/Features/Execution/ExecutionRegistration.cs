using PrivacyDesk.Web.Features.Admin;

namespace PrivacyDesk.Web.Features.Execution;

/// <summary>The execution area: carrying out a decided plan, and the <c>execute-request</c> command.</summary>
public static class ExecutionRegistration
{
    public static IServiceCollection AddExecution(this IServiceCollection services)
    {
        services.AddScoped<PlanSnapshots>();
        services.AddScoped<SubRequestExecutor>();
        services.AddScoped<ArticleNineteenTasks>();
        services.AddScoped<EmailReview>();
        services.AddSingleton<ExecutionHooks>();
        return services;
    }

    public static AdminCommandRegistry AddExecutionCommands(this AdminCommandRegistry commands)
    {
        commands.Add("execute-request", ExecuteAsync);
        return commands;
    }

    /// <summary>
    /// <c>execute-request ID|REFERENCE</c>: carries out an approved request, or finishes one whose execution was
    /// interrupted (a crash leaves the finished steps done; this continues with the rest). Running it on a
    /// completed request changes nothing. Used by operators after an incident and by the process-kill fault test.
    /// </summary>
    public static async Task<int> ExecuteAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: execute-request REQUEST_ID|REFERENCE");
            return 2;
        }
        var id = Guid.TryParse(args[0], out var parsed)
            ? parsed
            : await sp.GetRequiredService<PrivacyDeskDbContext>().Requests.AsNoTracking().Where(r => r.Reference == args[0]).Select(r => (Guid?)r.Id).FirstOrDefaultAsync()
              ?? throw new InvalidOperationException($"No request with reference {args[0]}.");
        var result = await sp.GetRequiredService<IMediator>().Send(new ExecutePlan.Command { RequestId = id });
        await output.WriteLineAsync(result.AlreadyDone
            ? $"Request {args[0]} was already carried out ({result.Status}); nothing changed."
            : $"Request {args[0]}: {result.StepsRun} step(s) carried out; status {result.Status}.");
        return 0;
    }
}
