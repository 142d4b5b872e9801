using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Plans;
using PrivacyDesk.Web.Features.Mail;
using PrivacyDesk.Web.Infrastructure;
using PrivacyDesk.Web.Infrastructure.Web;

namespace PrivacyDesk.Web.Features.Staff;

public static class RequestLoading
{
    /// <summary>
    /// Loads a request for a state change and checks it is still the version the DPO looked at: two
    /// people deciding at once → the second gets a clear conflict, nothing is overwritten.
    /// </summary>
    public static async Task<DataSubjectRequest> LoadForChangeAsync(this PrivacyDeskDbContext db, Guid requestId, uint version, CancellationToken ct)
    {
        var request = await db.Requests
            .Include(r => r.WaitingPeriods)
            .FirstOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new NotFoundException("Request");
        if (version != 0 && request.Version != version)
            throw new ConflictException(StaleMessage);
        // The update itself also carries the version seen on the page (xmin), for truly simultaneous posts.
        if (version != 0)
            db.Entry(request).Property(r => r.Version).OriginalValue = version;
        return request;
    }

    public const string StaleMessage = "Someone else changed this request at the same time. Reload it to see their change; nothing of yours was saved.";

    public static DateOnly Today(this TimeProvider clock) => BrusselsTime.ToBrusselsDate(clock.GetUtcNow());
}
