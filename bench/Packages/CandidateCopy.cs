using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PrivacyDesk.Domain.Candidates;
using PrivacyDesk.Domain.Processing;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Features.Packages;

namespace PrivacyDesk.Bench;

/// <summary>
/// Writes a candidate and all its records with one binary COPY per table, the tables and columns read from the
/// app's EF model (so a new column is not forgotten) and enum values through the model's converters.
/// </summary>
internal static class CandidateCopy
{
    public static async Task InsertAsync(BenchHost host, Candidate candidate)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>().Model;
        await using var conn = await host.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var set in Enum.GetValues<RecordSet>().OrderBy(s => s != RecordSet.CandidateProfile)) // the candidate first (foreign keys)
        {
            var rows = CandidateRecords.Of(candidate, set);
            if (rows.Count == 0)
                continue;
            var type = model.FindEntityType(rows[0].GetType()) ?? throw new InvalidOperationException($"{rows[0].GetType().Name} is not in the model.");
            var properties = type.GetProperties().ToList();
            if (properties.FirstOrDefault(p => p.PropertyInfo is null) is { } shadow)
                throw new InvalidOperationException($"{type.DisplayName()}.{shadow.Name} is a shadow property; this copy cannot fill it.");
            var columns = string.Join(", ", properties.Select(p => p.GetColumnName()));
            await using var importer = await conn.BeginBinaryImportAsync($"COPY {type.GetTableName()} ({columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var p in properties)
                {
                    var value = p.PropertyInfo!.GetValue(row);
                    if (value is not null && p.GetTypeMapping().Converter is { } converter)
                        value = converter.ConvertToProvider(value);
                    if (value is null)
                        await importer.WriteNullAsync();
                    else
                        await importer.WriteAsync(value);
                }
            }

            await importer.CompleteAsync();
        }

        await tx.CommitAsync();
    }
}
