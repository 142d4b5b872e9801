using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace PrivacyDesk.Web.Infrastructure.Logging;

/// <summary>
/// ASP.NET Core's request scope carries the raw path (RequestPath) into every event; a path can hold anything a
/// client typed, so only the route template (Route) is kept.
/// </summary>
internal sealed class DropRawPath : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
}
