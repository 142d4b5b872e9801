using System.Text.Json;
using PrivacyDesk.Web.Features.Admin;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.Web.Features.Requests;

/// <summary>
/// register-request FILE: registers a request from a JSON file shaped like the API's POST /api/v1/requests body,
/// e.g. a letter or an old mailbox imported by an agency. The same command, validation and intake as the API and
/// the staff page, so an old receipt date is accepted and flagged for the DPO on every channel (DL-4).
/// </summary>
public static class RequestsCliModule
{
    public static async Task<int> RegisterAsync(IServiceProvider sp, string[] args, TextWriter output)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: register-request FILE");
            return 2;
        }
        RegisterRequest.Command command;
        try
        {
            command = JsonSerializer.Deserialize<RegisterRequest.Command>(await File.ReadAllTextAsync(args[0]), Api.ApiJson.Options)
                ?? throw new InvalidOperationException("The file holds no JSON object.");
        }
        catch (JsonException ex)
        {
            await Console.Error.WriteLineAsync($"register-request: not valid JSON ({ex.Path}).");
            return 1;
        }
        try
        {
            var view = await sp.GetRequiredService<IMediator>().Send(command);
            await output.WriteLineAsync($"Registered {view.Reference}, received on {view.ReceivedOn:yyyy-MM-dd}, due {view.DueOn:yyyy-MM-dd}" +
                (view.ReceiptDateFlagged ? "; receipt date flagged for the DPO (DL-4)." : "."));
            return 0;
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
                await Console.Error.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            return 1;
        }
    }
}
