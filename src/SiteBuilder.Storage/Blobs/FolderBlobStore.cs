using System.Runtime.CompilerServices;

namespace SiteBuilder.Storage.Blobs;

/// <summary>Blobs as files under <c>{data directory}/blobs/{container}/</c>. Writes are atomic (temp file + rename).</summary>
public sealed class FolderBlobStore(string root) : IBlobStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const char TempMarker = '~';

    public async Task PutAsync(BlobContainer container, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // '~' cannot occur in a key, so a temp file can neither collide with a blob nor be taken for one by ListAsync.
        var temp = $"{path}{TempMarker}{Guid.NewGuid():N}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        // System blobs are secrets (signing keys): readable by the service account only.
        if (container == BlobContainer.System && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public async Task<Blob?> GetAsync(BlobContainer container, string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, key);
        try
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            return new Blob(content, BlobKeys.ContentTypeOf(key), File.GetLastWriteTimeUtc(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(BlobContainer container, string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(BlobContainer container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKeys.ValidatePrefix(prefix);
        var containerRoot = ContainerRoot(container);
        if (!Directory.Exists(containerRoot))
        {
            yield break;
        }

        var keys = Directory.EnumerateFiles(containerRoot, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).Contains(TempMarker, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(containerRoot, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(Path.Combine(containerRoot, key));
            if (file.Exists)
            {
                yield return new BlobInfo(key, file.Length, file.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        var probe = Path.Combine(root, $".ready-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "ok");
        File.Delete(probe);
        return Task.CompletedTask;
    }

    private string ContainerRoot(BlobContainer container) => Path.Combine(root, container.ToString().ToLowerInvariant());

    private string PathOf(BlobContainer container, string key)
    {
        BlobKeys.Validate(container, key);
        return Path.Combine(ContainerRoot(container), key.Replace('/', Path.DirectorySeparatorChar));
    }
}
