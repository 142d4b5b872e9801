using Microsoft.EntityFrameworkCore;
using Npgsql;
using PrivacyDesk.IntegrationTests.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Data;

/// <summary>
/// The migrated database must match the EF model — every table, column, type and nullability —
/// so a change to the model without its numbered SQL script fails CI.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SchemaMatchesModelTests(AppFixture app)
{
    private sealed record Column(string Table, string Name, string Type, bool Nullable);

    [Fact]
    public async Task Should_have_every_model_table_and_column_with_its_type_and_nullability()
    {
        var database = await ReadDatabaseColumnsAsync();
        var expected = await app.WithDbAsync(db => Task.FromResult(ModelColumns(db)));
        var problems = new List<string>();

        foreach (var column in expected)
        {
            if (!database.TryGetValue((column.Table, column.Name), out var actual))
                problems.Add($"missing column {column.Table}.{column.Name}");
            else if (actual.Type != column.Type)
                problems.Add($"{column.Table}.{column.Name}: type {actual.Type}, model says {column.Type}");
            else if (actual.Nullable != column.Nullable)
                problems.Add($"{column.Table}.{column.Name}: nullable {actual.Nullable}, model says {column.Nullable}");
        }
        var modelTables = expected.Select(c => c.Table).ToHashSet();
        var modelColumns = expected.Select(c => (c.Table, c.Name)).ToHashSet();
        foreach (var extra in database.Keys.Where(k => modelTables.Contains(k.Table) && !modelColumns.Contains(k)))
            problems.Add($"column {extra.Table}.{extra.Column} exists in the database but not in the model");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(modelTables.Count > 40, "the model should map the whole data map");
    }

    private static List<Column> ModelColumns(DbContext db)
    {
        var columns = new List<Column>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
                continue;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(store);
                if (name is null || name == "xmin")
                    continue;
                columns.Add(new Column(table, name, Normalise(property.GetColumnType(store)), property.IsColumnNullable(store)));
            }
        }
        return columns.DistinctBy(c => (c.Table, c.Name)).ToList();
    }

    private async Task<Dictionary<(string Table, string Column), Column>> ReadDatabaseColumnsAsync()
    {
        var result = new Dictionary<(string, string), Column>();
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, is_nullable
            FROM information_schema.columns WHERE table_schema = 'public'
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var dataType = reader.GetString(2);
            var type = dataType switch
            {
                "ARRAY" => reader.GetString(3).TrimStart('_') switch { "varchar" => "character varying", var t => t } + "[]",
                "character varying" when !reader.IsDBNull(4) => $"character varying({reader.GetInt32(4)})",
                "numeric" when !reader.IsDBNull(5) => $"numeric({reader.GetInt32(5)},{reader.GetInt32(6)})",
                _ => dataType,
            };
            var column = new Column(reader.GetString(0), reader.GetString(1), Normalise(type), reader.GetString(7) == "YES");
            result[(column.Table, column.Name)] = column;
        }
        return result;
    }

    private static string Normalise(string type) => type.ToLowerInvariant().Replace(", ", ",", StringComparison.Ordinal) switch
    {
        "int" or "int4" => "integer",
        "int8" => "bigint",
        "bool" => "boolean",
        "timestamptz" => "timestamp with time zone",
        var t => t,
    };
}
