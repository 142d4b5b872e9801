using Microsoft.Extensions.Localization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Operations;
using PrivacyDesk.Web.Features.Plans;
using PrivacyDesk.Web.Features.Portal;
using PrivacyDesk.Web.Features.Requests;

namespace PrivacyDesk.Web.Features.Packages;

/// <summary>
/// Builds the deliverable of an approved access or portability sub-request from the plan and the data as
/// they are now (the snapshot, ACC-2), stores it behind a hashed, time-limited, counted download token and
/// queues the "download ready" e-mail in the same transaction. Idempotent: while an unexpired package of
/// that kind exists for the request, it is returned instead of a second one.
/// </summary>
public static class BuildPackage
{
    [RequiresRole(Roles.Dpo, Roles.BackOffice)]
    public sealed record Command : ICommand<Result>
    {
        public Guid RequestId { get; init; }
        public Guid SubRequestId { get; init; }
    }

    public sealed record Result(Guid PackageId, PackageKind Kind, string FileName, long Size, DateTimeOffset ExpiresAt, bool AlreadyExisted);

    public sealed class Handler(PrivacyDeskDbContext db, RequestPlanner planner, PortalMail mail, ICurrentUser user, TimeProvider clock,
        IStringLocalizer<AccessReport> localizer) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
                ?? throw new NotFoundException("Request");
            var sub = request.SubRequests.FirstOrDefault(s => s.Id == command.SubRequestId)
                ?? throw new NotFoundException("Sub-request");
            var kind = sub.Type switch
            {
                RequestType.Access => PackageKind.AccessReport,
                RequestType.Portability => PackageKind.PortabilityArchive,
                _ => throw new DomainException("package.type", $"A {sub.Type} request has no downloadable package; only access and portability do."),
            };
            if (request.Status is not (RequestStatus.Approved or RequestStatus.PartiallyApproved or RequestStatus.InExecution or RequestStatus.Completed))
                throw new DomainException("package.state", $"A request that is {request.Status} gets no package; approve it first.");
            if (sub.Outcome == DecisionOutcome.Refused)
                throw new DomainException("package.refused", "This part of the request was refused; it gets no package.", "N1");
            // ACC-6: the access copy carries the reviewed extract of every professional e-mail, never a promise of one.
            if (kind == PackageKind.AccessReport && request.CandidateId is { } candidateId
                && await db.ProfessionalEmails.IgnoreQueryFilters().AnyAsync(e => e.CandidateId == candidateId && (e.RedactedExtract == null || e.RedactedExtract == ""), cancellationToken))
                throw new DomainException("package.review", "The professional e-mails are not reviewed yet: record their extracts first (carry out the plan to create the review task).", "ACC-6");

            var now = clock.GetUtcNow();
            var existing = await db.Packages.AsNoTracking()
                .Where(p => p.RequestId == request.Id && p.Kind == kind && p.ExpiresAt > now)
                .OrderByDescending(p => p.CreatedAt)
                .Select(p => new Result(p.Id, p.Kind, p.FileName, p.Content.Length, p.ExpiresAt, true))
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
                return existing;

            // The candidate's records, the register and the controller are loaded once, for the plan and the deliverable.
            var sources = await planner.LoadSourcesAsync(request, cancellationToken);
            var plans = await planner.BuildAsync(request, sources, cancellationToken);
            var plan = plans.First(p => p.SubRequest.Id == sub.Id).Plan;
            var (candidate, purposes, controller) = sources;
            var snapshotOn = BrusselsTime.ToBrusselsDate(now);
            var language = PortalFormat.Normalize(request.Language);

            byte[] content;
            string fileName;
            string contentType;
            if (kind == PackageKind.AccessReport)
            {
                var html = new AccessReport(localizer).Render(new AccessReport.Input(request, plan, candidate, purposes, controller, snapshotOn, now));
                content = System.Text.Encoding.UTF8.GetBytes(html);
                fileName = $"{request.Reference}-access-report.html";
                contentType = "text/html; charset=utf-8";
            }
            else
            {
                if (candidate is null || plan.NoDataHeld)
                    throw new DomainException("package.no-data", "No data are held about this person, so there is nothing to port; the answer says so.", "PO-6");
                string readMe;
                using (new LanguageScope(language))
                    readMe = localizer["Portal.Report.PortabilityReadMe", request.Reference, PortalFormat.Date(snapshotOn, language)].Value; // the reader's date; the data inside stay ISO
                content = PortabilityArchive.Build(new PortabilityArchive.Input(request, plan, candidate, RequestPlanner.RecordSetProfiles(db),
                    controller?.Name ?? "PrivacyDesk", SubRequestDetails.From(sub).Format ?? "both", snapshotOn, now, readMe));
                fileName = $"{request.Reference}-portability.zip";
                contentType = "application/zip";
            }

            var token = Tokens.New();
            var package = new RequestPackage
            {
                RequestId = request.Id,
                Kind = kind,
                FileName = fileName,
                ContentType = contentType,
                Content = content,
                CreatedAt = now,
                SnapshotOn = snapshotOn,
                DownloadTokenHash = Tokens.Hash(token),
                ExpiresAt = now + PortalMail.DownloadLifetime,
            };
            db.Packages.Add(package);
            request.Record(now, user.Actor, "package.ready", $"{kind} built (snapshot {snapshotOn:yyyy-MM-dd}); download link sent, valid until {package.ExpiresAt:yyyy-MM-dd}.");
            await mail.DownloadReadyAsync(request, package, token, cancellationToken);
            return new Result(package.Id, kind, fileName, content.Length, package.ExpiresAt, false);
        }
    }
}
