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

    private sealed record Constraint(string Table, string Name, string Kind, string Columns, string? Principal);

    [Fact]
    public async Task Should_have_every_model_key_unique_constraint_index_and_foreign_key_under_its_name()
    {
        // The names are the snake-case ones EFCore.NamingConventions derives (pk_*, ak_*, ix_*, fk_*) or the ones the
        // configurations set; the numbered SQL scripts created them, so a naming change that renames anything fails here.
        var database = await ReadDatabaseConstraintsAsync();
        var expected = await app.WithDbAsync(db => Task.FromResult(ModelConstraints(db)));
        var problems = new List<string>();
        foreach (var c in expected)
        {
            if (!database.TryGetValue((c.Table, c.Name), out var actual))
                problems.Add($"missing {c.Kind} {c.Table}.{c.Name} ({c.Columns})");
            else if (actual != c)
                problems.Add($"{c.Kind} {c.Table}.{c.Name}: database has {actual.Kind} ({actual.Columns}) -> {actual.Principal}, model says {c.Kind} ({c.Columns}) -> {c.Principal}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(expected.Count(c => c.Kind == "foreign key") > 20, "the model should have its foreign keys");
        Assert.True(expected.Count(c => c.Kind == "unique index") > 3, "the model should have unique indexes");
        Assert.Contains(expected, c => c is { Table: "staff_user_roles", Kind: "foreign key", Principal: "staff_roles" });
    }

    private static List<Constraint> ModelConstraints(DbContext db)
    {
        var result = new List<Constraint>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null || entity.FindOwnership() is not null)
                continue;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            string Cols(IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty> ps) => string.Join(",", ps.Select(p => p.GetColumnName(store)));
            foreach (var key in entity.GetKeys())
                result.Add(new Constraint(table, key.GetName(store)!, key.IsPrimaryKey() ? "primary key" : "unique constraint", Cols(key.Properties), null));
            foreach (var index in entity.GetIndexes())
                result.Add(new Constraint(table, index.GetDatabaseName(store)!, index.IsUnique ? "unique index" : "index", Cols(index.Properties), null));
            foreach (var fk in entity.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType.GetTableName();
                if (principal is null || principal == table && fk.IsOwnership)
                    continue;
                var name = fk.GetConstraintName(store, Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(principal, fk.PrincipalEntityType.GetSchema()));
                if (name is not null)
                    result.Add(new Constraint(table, name, "foreign key", Cols(fk.Properties), principal));
            }
        }
        return result.DistinctBy(c => (c.Table, c.Name)).ToList();
    }

    private async Task<Dictionary<(string Table, string Name), Constraint>> ReadDatabaseConstraintsAsync()
    {
        var result = new Dictionary<(string, string), Constraint>();
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        // Constraints first (primary keys, unique constraints, foreign keys), then indexes that back no constraint.
        await using var cmd = new NpgsqlCommand("""
            SELECT t.relname, c.conname,
                   CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' ELSE 'foreign key' END,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   CASE WHEN c.contype = 'f' THEN (SELECT relname FROM pg_class WHERE oid = c.confrelid) END
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')
            UNION ALL
            SELECT t.relname, i.relname, CASE WHEN x.indisunique THEN 'unique index' ELSE 'index' END,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum),
                   NULL
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var c = new Constraint(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            result.TryAdd((c.Table, c.Name), c);
        }
        return result;
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
