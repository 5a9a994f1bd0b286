using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.BrandAssets.Library;

public sealed class SqliteBrandAssetStore(SqliteDatabase database) : IBrandAssetStore
{
    public static readonly SqliteMigration Schema = new("brand-assets-0001", """
        CREATE TABLE brand_assets (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            width INTEGER NULL,
            height INTEGER NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            source TEXT NOT NULL,
            description TEXT NOT NULL,
            blob_key TEXT NOT NULL,
            PRIMARY KEY (tenant, id)
        );
        CREATE INDEX brand_assets_tenant_created ON brand_assets (tenant, created_at DESC);
        CREATE TABLE brand_kits (
            tenant TEXT PRIMARY KEY,
            brand_name TEXT NULL,
            primary_color TEXT NULL,
            secondary_color TEXT NULL,
            logo_asset_id TEXT NULL,
            updated_at TEXT NULL,
            updated_by TEXT NULL
        );
        """);

    private const string Columns = "tenant, id, kind, content_type, size, width, height, created_at, created_by, source, description, blob_key";

    public async Task AddAsync(BrandAsset asset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO brand_assets ({Columns}) VALUES ($tenant, $id, $kind, $type, $size, $width, $height, $created, $by, $source, $description, $key) ON CONFLICT DO NOTHING",
            ("$tenant", asset.Tenant),
            ("$id", asset.Id),
            ("$kind", BrandAsset.Name(asset.Kind)),
            ("$type", asset.ContentType),
            ("$size", asset.Size),
            ("$width", asset.Width),
            ("$height", asset.Height),
            ("$created", asset.CreatedAt.ToSortable()),
            ("$by", asset.CreatedBy),
            ("$source", asset.Source),
            ("$description", asset.Description),
            ("$key", asset.BlobKey));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"An asset with the id '{asset.Id}' exists already.");
        }
    }

    public async Task<BrandAsset?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM brand_assets WHERE tenant = $tenant AND id = $id", ("$tenant", tenant), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<BrandAsset>> ListAsync(string tenant, BrandAssetKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM brand_assets WHERE tenant = $tenant AND ($kind IS NULL OR kind = $kind) ORDER BY created_at DESC, id",
            ("$tenant", tenant),
            ("$kind", kind is { } k ? BrandAsset.Name(k) : null));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var assets = new List<BrandAsset>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assets.Add(Read(reader));
        }

        return assets;
    }

    public async Task<BrandAsset?> DeleteAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"DELETE FROM brand_assets WHERE tenant = $tenant AND id = $id RETURNING {Columns}", ("$tenant", tenant), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<TenantBrandKit> GetBrandKitAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT brand_name, primary_color, secondary_color, logo_asset_id, updated_at, updated_by FROM brand_kits WHERE tenant = $tenant", ("$tenant", tenant));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TenantBrandKit(reader.ReadNullableString(0), reader.ReadNullableString(1), reader.ReadNullableString(2), reader.ReadNullableString(3),
                reader.ReadNullableTimestamp(4), reader.ReadNullableString(5))
            : TenantBrandKit.Empty;
    }

    public async Task SaveBrandKitAsync(string tenant, TenantBrandKit kit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO brand_kits (tenant, brand_name, primary_color, secondary_color, logo_asset_id, updated_at, updated_by)
            VALUES ($tenant, $name, $primary, $secondary, $logo, $at, $by)
            ON CONFLICT (tenant) DO UPDATE SET brand_name = excluded.brand_name, primary_color = excluded.primary_color,
                secondary_color = excluded.secondary_color, logo_asset_id = excluded.logo_asset_id,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            ("$tenant", tenant),
            ("$name", kit.BrandName),
            ("$primary", kit.PrimaryColor),
            ("$secondary", kit.SecondaryColor),
            ("$logo", kit.LogoAssetId),
            ("$at", kit.UpdatedAt?.ToSortable()),
            ("$by", kit.UpdatedBy));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static BrandAsset Read(SqliteDataReader reader) => new(
        Tenant: reader.GetString(0),
        Id: reader.GetString(1),
        Kind: BrandAsset.TryParseKind(reader.GetString(2), out var kind) ? kind : throw new InvalidDataException($"Unknown asset kind '{reader.GetString(2)}'."),
        ContentType: reader.GetString(3),
        Size: reader.GetInt64(4),
        Width: reader.IsDBNull(5) ? null : reader.GetInt32(5),
        Height: reader.IsDBNull(6) ? null : reader.GetInt32(6),
        CreatedAt: reader.ReadTimestamp(7),
        CreatedBy: reader.GetString(8),
        Source: reader.GetString(9),
        Description: reader.GetString(10),
        BlobKey: reader.GetString(11));
}
