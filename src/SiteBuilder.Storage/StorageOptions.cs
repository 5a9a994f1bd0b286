using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Storage;

public enum StorageProvider
{
    /// <summary>One SQLite file in the data directory (the embedded default).</summary>
    Sqlite,
    /// <summary>The two DynamoDB tables of DESIGN §6.</summary>
    DynamoDb,
}

public enum BlobProvider
{
    /// <summary>Folders under the data directory (the embedded default).</summary>
    Folder,
    /// <summary>The assets and sites S3 buckets.</summary>
    S3,
}

/// <summary><c>SiteBuilder:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "SiteBuilder:Storage";

    [EnumDataType(typeof(StorageProvider), ErrorMessage = "SiteBuilder:Storage:Provider must be Sqlite or DynamoDb.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [EnumDataType(typeof(BlobProvider), ErrorMessage = "SiteBuilder:Storage:Blobs must be Folder or S3.")]
    public BlobProvider Blobs { get; set; } = BlobProvider.Folder;

    /// <summary>Create the DynamoDB tables and S3 buckets at start when missing (emulators, first deploy without Terraform).</summary>
    public bool CreateTables { get; set; }

    [Required]
    public DynamoDbStorageOptions DynamoDb { get; set; } = new();

    [Required]
    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class DynamoDbStorageOptions : AwsEndpointOptions
{
    /// <summary>Defaults to <c>site-builder-generation-{environment}</c>.</summary>
    public string? GenerationTable { get; set; }

    /// <summary>Defaults to <c>site-builder-operations-{environment}</c>.</summary>
    public string? OperationsTable { get; set; }
}

public sealed class S3StorageOptions : AwsEndpointOptions
{
    /// <summary>Defaults to <c>site-builder-assets-{environment}</c>.</summary>
    public string? AssetsBucket { get; set; }

    /// <summary>Defaults to <c>site-builder-sites-{environment}</c>.</summary>
    public string? SitesBucket { get; set; }

    /// <summary>Path-style addressing, needed by emulators.</summary>
    public bool ForcePathStyle { get; set; }
}

/// <summary>Where and as whom an AWS client connects.</summary>
public abstract class AwsEndpointOptions
{
    /// <summary>Endpoint override, e.g. http://127.0.0.1:4567 for an emulator. Empty: the region's AWS endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region; empty uses the SDK's default (AWS_REGION, profile).</summary>
    public string? Region { get; set; }

    /// <summary>For emulators only. Empty: the AWS default credential chain (environment, profile, ECS task role).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>For emulators only; never commit a real secret.</summary>
    public string? SecretAccessKey { get; set; }
}
