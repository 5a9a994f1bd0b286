using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Portal.Api;

namespace SiteBuilder.Portal.Components.Pages.Assets;

/// <summary>What the page tells the marketer after an action (a snackbar): the text, and whether it went wrong.</summary>
public sealed record AssetsNotice(string Text, bool Failed = false);

/// <summary>
/// The brand assets page of one tenant: its library and brand kit, the generate and brand kit forms, the gallery filter,
/// and what each action leaves behind (errors by the form, a notice, the reloaded library). The page renders it and
/// keeps what belongs to the circuit: who is signed in, the authorization check before each action, dialogs, snackbars.
/// </summary>
public sealed class AssetsState(BrandAssetLibrary library, ILogger logger)
{
    public const string AllKinds = "all";

    /// <summary>The colour the generate form suggests when the brand kit has none.</summary>
    public const string DefaultColour = "#3949AB";

    public string? Tenant { get; private set; }

    public IReadOnlyList<BrandAsset> Assets { get; private set; } = [];

    public TenantBrandKit Kit { get; private set; } = TenantBrandKit.Empty;

    public string? KitName { get; set; }

    public string? KitPrimary { get; set; }

    public string? KitSecondary { get; set; }

    public bool Loading { get; private set; }

    /// <summary>An action is running: the buttons that start another one are disabled.</summary>
    public bool Busy { get; private set; }

    public bool Generating { get; private set; }

    public ImageKind Kind { get; set; } = ImageKind.Logo;

    public string? Prompt { get; set; }

    public ImageStyle Style { get; set; } = ImageStyle.Modern;

    /// <summary>The generate form's colours as typed: separated by commas, spaces or semicolons, the <c>#</c> optional.</summary>
    public string? Colours { get; set; }

    public int Count { get; set; } = 4;

    /// <summary>The gallery shows <see cref="AllKinds"/> or one kind by its name (<c>logo</c>, <c>background</c>, <c>upload</c>).</summary>
    public string Filter { get; set; } = AllKinds;

    public IReadOnlyList<string> GenerateErrors { get; private set; } = [];

    public string? UploadError { get; private set; }

    public IReadOnlyList<BrandAsset> Shown => Filter == AllKinds ? Assets : [.. Assets.Where(a => BrandAsset.Name(a.Kind) == Filter)];

    public BrandAsset? KitLogo => Kit.LogoAssetId is { } id ? Assets.FirstOrDefault(a => a.Id == id) : null;

    public string KitUpdated => Kit.UpdatedAt is { } at ? $"Saved {at:yyyy-MM-dd HH:mm} UTC by {Kit.UpdatedBy}" : "Not saved yet";

    public string ProviderName => library.Provider == "bedrock" ? "a Bedrock image model" : "the built-in SVG designer";

    /// <summary>"logos" or "backgrounds": what the generate form makes now.</summary>
    public string KindPlural => Kind == ImageKind.Logo ? "logos" : "backgrounds";

    public bool IsInKit(BrandAsset asset) => asset.Id == Kit.LogoAssetId;

    /// <summary>Opens a tenant: its library, its brand kit in the kit form, and generate defaults taken from the kit.</summary>
    public async Task LoadAsync(string tenant)
    {
        Tenant = tenant;
        Loading = true;
        try
        {
            Assets = await library.ListAsync(tenant);
            ShowKit(await library.GetBrandKitAsync(tenant));
            Colours = string.Join(", ", new[] { Kit.PrimaryColor, Kit.SecondaryColor }.OfType<string>().DefaultIfEmpty(DefaultColour));
            Prompt ??= Kit.BrandName is { } name ? $"Logo for “{name}”" : null;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>The request the generate form describes, or null with <see cref="GenerateErrors"/> saying what to fix.</summary>
    public ImageRequest? PrepareGeneration()
    {
        var colours = (Colours ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(c => c.StartsWith('#') ? c : "#" + c).ToList();
        var (width, height) = Kind == ImageKind.Logo ? (AgentsApi.LogoSide, AgentsApi.LogoSide) : (AgentsApi.BackgroundLongSide, AgentsApi.BackgroundLongSide * 9 / 16);
        var request = new ImageRequest(Kind, Prompt?.Trim() ?? "", Style, colours, Count, width, height, null);
        GenerateErrors = [.. request.Validate().SelectMany(e => e.Value)];
        return GenerateErrors.Count == 0 ? request : null;
    }

    /// <summary>Shows why the generate form's request was refused before it reached the agent (the tenant's limit).</summary>
    public void RefuseGeneration(string message) => GenerateErrors = [message];

    /// <summary>
    /// Draws the images into the library. <see cref="Generating"/> is set before the first await, so the page can paint
    /// its progress between starting the task and awaiting it. A model's refusal shows by the form (null notice).
    /// </summary>
    public async Task<AssetsNotice?> GenerateAsync(string user, ImageRequest request)
    {
        Busy = Generating = true;
        try
        {
            var generated = await library.GenerateAsync(RequireTenant(), user, request, CancellationToken.None);
            Assets = await library.ListAsync(RequireTenant());
            Filter = AllKinds;
            return new AssetsNotice($"{generated.Count} new {(request.Kind == ImageKind.Logo ? "logos" : "backgrounds")} are in the library.");
        }
        catch (ImageModelException e)
        {
            GenerateErrors = [e.Message];
            return null;
        }
        finally
        {
            Busy = Generating = false;
        }
    }

    /// <summary>Stores an uploaded file; a file too large, refused or cut off shows by the gallery (null notice) and stores nothing.</summary>
    public async Task<AssetsNotice?> UploadAsync(string user, string fileName, long size, Func<long, Stream> open)
    {
        UploadError = null;
        if (size > AssetContent.MaxUploadBytes)
        {
            UploadError = $"{fileName} is {size / (1024.0 * 1024):0.#} MB; the limit is 2 MB. Export a smaller image, for example at most 2000 pixels wide.";
            return null;
        }

        Busy = true;
        try
        {
            await using var stream = open(AssetContent.MaxUploadBytes);
            var asset = await library.UploadAsync(RequireTenant(), user, stream, fileName, CancellationToken.None);
            Assets = await library.ListAsync(RequireTenant());
            return new AssetsNotice($"Uploaded {asset.Description}.");
        }
        catch (AssetRejectedException e)
        {
            UploadError = $"{fileName}: {e.Message}";
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Upload of {File} broke off", fileName);
            UploadError = $"{fileName} could not be read completely. Try again.";
        }
        finally
        {
            Busy = false;
        }

        return null;
    }

    public void DismissUploadError() => UploadError = null;

    /// <summary>Saves the kit form, keeping the kit's logo.</summary>
    public Task<AssetsNotice> SaveKitAsync(string user) =>
        SaveKitAsync(user, new BrandKitChange(KitName, KitPrimary, KitSecondary, Kit.LogoAssetId), "Brand kit saved.");

    /// <summary>Makes <paramref name="asset"/> the kit's logo, keeping the saved name and colours (not what the form holds unsaved).</summary>
    public Task<AssetsNotice> UseInKitAsync(string user, BrandAsset asset) =>
        SaveKitAsync(user, new BrandKitChange(Kit.BrandName, Kit.PrimaryColor, Kit.SecondaryColor, asset.Id), "The brand kit now uses this logo.");

    /// <summary>What the confirmation asks before <see cref="DeleteAsync"/>; it warns when the image is the kit's logo.</summary>
    public string DeleteQuestion(BrandAsset asset) =>
        $"Delete “{asset.Description}”? Pages that already embed it keep their copy.{(IsInKit(asset) ? " It is the brand kit's logo, so the kit will have none." : "")}";

    public async Task<AssetsNotice> DeleteAsync(string user, BrandAsset asset)
    {
        Busy = true;
        try
        {
            await library.DeleteAsync(RequireTenant(), asset.Id, user);
            Assets = await library.ListAsync(RequireTenant());
            Kit = await library.GetBrandKitAsync(RequireTenant());
            return new AssetsNotice("Deleted.");
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>"SVG · 3 KB · 512×512": the type, size and pixels of an asset card.</summary>
    public static string Facts(BrandAsset asset)
    {
        var type = asset.ContentType switch { "image/svg+xml" => "SVG", "image/png" => "PNG", "image/jpeg" => "JPEG", "image/webp" => "WebP", var t => t };
        var size = asset.Size < 1024 * 1024 ? $"{Math.Max(1, asset.Size / 1024)} KB" : $"{asset.Size / (1024.0 * 1024):0.0} MB";
        var dimensions = asset.Width is { } w && asset.Height is { } h ? $" · {w}×{h}" : "";
        return $"{type} · {size}{dimensions}";
    }

    public static string KindLabel(BrandAssetKind kind) => kind switch
    {
        BrandAssetKind.Logo => "Logo",
        BrandAssetKind.Background => "Background",
        _ => "Upload",
    };

    /// <summary>The swatch icon shows the typed colour once it is one.</summary>
    public static string Swatch(string? colour) =>
        colour is { Length: 7 } c && c[0] == '#' && c[1..].All(Uri.IsHexDigit) ? $"--swatch: {c}" : "--swatch: transparent";

    private async Task<AssetsNotice> SaveKitAsync(string user, BrandKitChange change, string done)
    {
        Busy = true;
        try
        {
            ShowKit(await library.SaveBrandKitAsync(RequireTenant(), user, change));
            return new AssetsNotice(done);
        }
        catch (BrandKitRejectedException e)
        {
            return new AssetsNotice(e.Message, Failed: true);
        }
        finally
        {
            Busy = false;
        }
    }

    private void ShowKit(TenantBrandKit kit)
    {
        Kit = kit;
        (KitName, KitPrimary, KitSecondary) = (kit.BrandName, kit.PrimaryColor, kit.SecondaryColor);
    }

    private string RequireTenant() => Tenant ?? throw new InvalidOperationException("No tenant is open: LoadAsync first.");
}
