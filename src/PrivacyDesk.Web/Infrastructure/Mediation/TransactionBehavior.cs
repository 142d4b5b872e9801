using System.Collections.Concurrent;
using System.Data;

namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>
/// Commands run in one ReadCommitted transaction: the handler's changes and their audit events are
/// saved and committed together, or not at all. Re-entrant: an open transaction is reused.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(PrivacyDeskDbContext db, AfterCommit afterCommit) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommandMarker || db.Database.CurrentTransaction is not null)
            return await next();

        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // All or nothing: a failed SaveChanges rolls the whole transaction back, so no savepoint round trip is needed.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var response = await next();
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            afterCommit.Run();
            return response;
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var what = string.Join(", ", ex.Entries.Select(e => e.Metadata.ClrType.Name).Distinct());
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw new ConflictException($"Someone else changed this {Describe(what)} at the same time. Reload it to see their change; nothing of yours was saved.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            afterCommit.Discard();
            throw;
        }
    }

    private static string Describe(string entityTypes) => entityTypes switch
    {
        "DataSubjectRequest" => "request",
        "LegalHold" => "legal hold",
        "WorkTask" => "task",
        _ => "record (" + entityTypes + ")",
    };
}
