using System.Text;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Validation;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>What the API and the portal call: start, follow, cancel and look up a tenant's generations and sites.</summary>
public sealed class GenerationService(
    IGenerationStore store,
    IBlobStore blobs,
    IPageModel pageModel,
    GenerationRunner runner,
    GenerationEventReader reader,
    ILogoSource logos,
    GenerationMetrics metrics,
    TimeProvider clock)
{
    /// <summary>
    /// Records a new generation (a new site, or the next version of one) and starts it in the background.
    /// The request must have passed <see cref="GenerationRequestRules.Validate"/>. Throws <see cref="GenerationRequestException"/>
    /// for a parent that does not exist for this tenant or is not finished.
    /// </summary>
    public async Task<GenerationRecord> StartAsync(string tenant, string user, GenerationRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var prompt = request.Prompt!.Trim();
        var template = request.TemplateId is { } id ? TemplateCatalog.Find(id)! : null;
        Site site;
        var version = 1;
        GenerationRecord? parent = null;
        if (request.ParentGenerationId is { } parentId)
        {
            parent = await store.GetAsync(tenant, parentId, cancellationToken);
            if (parent is null || parent.SiteId != request.SiteId)
            {
                throw new GenerationRequestException("parentGenerationId", $"There is no generation {parentId} of site {request.SiteId} for this tenant.", notFound: true);
            }

            if (parent.Status != GenerationStatus.Complete)
            {
                throw new GenerationRequestException("parentGenerationId", $"The parent {parentId} is {parent.Status.ToWire()}; only a complete version can be refined.");
            }

            site = await store.GetSiteAsync(tenant, parent.SiteId, cancellationToken)
                ?? throw new GenerationRequestException("siteId", $"There is no site {request.SiteId} for this tenant.", notFound: true);
            version = (await store.ListSiteVersionsAsync(tenant, site.SiteId, cancellationToken)).Max(g => g.Version) + 1;
        }
        else
        {
            var siteTemplate = template ?? TemplateCatalog.Infer(prompt);
            site = new Site { Tenant = tenant, SiteId = GenerationIds.NewSiteId(prompt), Name = SiteName(prompt, siteTemplate), CreatedAt = now, UpdatedAt = now };
            await store.CreateSiteAsync(site, cancellationToken);
        }

        var generation = await store.CreateAsync(new GenerationRecord
        {
            Id = GenerationIds.NewGenerationId(now),
            Tenant = tenant,
            SiteId = site.SiteId,
            Version = version,
            ParentGenerationId = parent?.Id,
            Prompt = prompt,
            // A refinement keeps its parent's template and brand unless the request changes them.
            TemplateId = template?.Id ?? parent?.TemplateId ?? TemplateCatalog.Infer(prompt).Id,
            PrimaryColor = request.BrandAssets?.PrimaryColor?.ToUpperInvariant() ?? parent?.PrimaryColor,
            SecondaryColor = request.BrandAssets?.SecondaryColor?.ToUpperInvariant() ?? parent?.SecondaryColor,
            Logo = request.BrandAssets?.Logo ?? parent?.Logo,
            Provider = pageModel.Provider,
            ModelId = pageModel.ModelId,
            CreatedBy = user,
            Status = GenerationStatus.Queued,
            Message = "Queued",
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        runner.Start(generation);
        return generation;
    }

    public Task<GenerationRecord?> GetAsync(string tenant, string generationId, CancellationToken cancellationToken) =>
        store.GetAsync(tenant, generationId, cancellationToken);

    public Task<GenerationPage> ListAsync(string tenant, int limit, string? cursor, CancellationToken cancellationToken) =>
        store.ListAsync(tenant, limit, cursor, cancellationToken);

    public Task<IReadOnlyList<GenerationRecord>> ListSiteVersionsAsync(string tenant, string siteId, CancellationToken cancellationToken) =>
        store.ListSiteVersionsAsync(tenant, siteId, cancellationToken);

    public Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken) => store.ListSitesAsync(tenant, cancellationToken);

    public Task<Site?> GetSiteAsync(string tenant, string siteId, CancellationToken cancellationToken) => store.GetSiteAsync(tenant, siteId, cancellationToken);

    /// <summary>Every event after <paramref name="afterId"/>, live while the generation runs; ends after the terminal event.</summary>
    public IAsyncEnumerable<GenerationEvent> FollowAsync(GenerationRecord generation, long afterId, CancellationToken cancellationToken) =>
        reader.ReadAsync(generation, afterId, cancellationToken);

    /// <summary>The stored (sanitized) HTML of a complete generation, or null.</summary>
    public async Task<string?> GetHtmlAsync(GenerationRecord generation, CancellationToken cancellationToken) =>
        generation.HtmlKey is { } key && await blobs.GetAsync(BlobContainer.Sites, key, cancellationToken) is { } blob
            ? Encoding.UTF8.GetString(blob.Content)
            : null;

    /// <summary>The stored brand report (JSON) of a complete generation, or null.</summary>
    public async Task<byte[]?> GetReportJsonAsync(GenerationRecord generation, CancellationToken cancellationToken) =>
        generation.Status == GenerationStatus.Complete && await blobs.GetAsync(BlobContainer.Sites, GenerationRunner.ReportKey(generation), cancellationToken) is { } blob
            ? blob.Content
            : null;

    /// <summary>
    /// The brand report of a complete generation: the stored one, or, for a version stored without one, the validator's verdict on its
    /// stored page against the brand it was generated with, which is then stored so later reads (and the trends) need no re-validation.
    /// Null when the generation is not complete or its page is no longer stored.
    /// </summary>
    public async Task<ValidationReport?> GetOrCreateReportAsync(GenerationRecord generation, CancellationToken cancellationToken)
    {
        if (generation.Status != GenerationStatus.Complete)
        {
            return null;
        }

        if (await GetReportJsonAsync(generation, cancellationToken) is { } json)
        {
            return BrandReports.Read(json);
        }

        if (await GetHtmlAsync(generation, cancellationToken) is not { } html)
        {
            return null;
        }

        // The same brand the pipeline validated with: the request's colours and logo plus the theme chosen for them.
        var logo = generation.Logo is { } logoRef ? await logos.ResolveAsync(generation.Tenant, logoRef, cancellationToken) : null;
        var brand = new BrandKit(generation.PrimaryColor, generation.SecondaryColor, logo);
        var theme = ThemeOf(generation, brand);
        var brief = await BriefPrompts.ForAsync(store, generation, cancellationToken);
        var report = metrics.Measure(Agents.BrandValidator, () => BrandValidator.Validate(html, GenerationRunner.BrandAssetsFor(theme, brand), brief));

        await blobs.PutAsync(BlobContainer.Sites, GenerationRunner.ReportKey(generation), BrandReports.Write(report), cancellationToken);
        return report;
    }

    /// <summary>The brand colours a version was written and validated with, by role: the request's, completed by the theme chosen for them.</summary>
    public static IReadOnlyList<(string Role, string Color)> BrandColorsOf(GenerationRecord generation)
    {
        var theme = ThemeOf(generation, new BrandKit(generation.PrimaryColor, generation.SecondaryColor));
        return
        [
            ("Primary", generation.PrimaryColor ?? theme.Primary), ("Secondary", generation.SecondaryColor ?? theme.Secondary), ("Accent", theme.Accent),
            ("Background", theme.Background), ("Surface", theme.Surface), ("Text", theme.Text), ("Muted text", theme.MutedText), ("On primary", theme.OnPrimary),
        ];
    }

    private static Theme ThemeOf(GenerationRecord generation, BrandKit brand) =>
        ThemeSelector.Select(brand, TemplateCatalog.Find(generation.TemplateId) ?? TemplateCatalog.Default, generation.Prompt);

    /// <summary>
    /// Asks a running generation to stop. Here it stops at once; on another instance, at its next heartbeat.
    /// Returns the generation as it is now; a finished one is left as it is.
    /// </summary>
    public async Task<GenerationRecord> CancelAsync(GenerationRecord generation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (generation.Status.IsTerminal() || generation.CancelRequested)
            {
                return generation;
            }

            try
            {
                generation = await store.UpdateAsync(generation with { CancelRequested = true, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                runner.TryCancel(generation.Id);
                return generation;
            }
            catch (GenerationConflictException) when (attempt < 10)
            {
                generation = await store.GetAsync(generation.Tenant, generation.Id, cancellationToken) ?? generation;
            }
        }
    }

    /// <summary>Makes a complete version the site's current page again; the other versions stay in the history.</summary>
    public async Task<Site> RestoreAsync(string tenant, GenerationRecord version, CancellationToken cancellationToken)
    {
        if (version.Tenant != tenant || version.Status != GenerationStatus.Complete)
        {
            throw new GenerationRequestException("generationId", $"Only a complete version of this tenant can be restored; {version.Id} is {version.Status.ToWire()}.");
        }

        // Only the site's pointer to its page changes: a rename or a completion at the same moment keeps its own update.
        if (!await store.RestoreVersionAsync(tenant, version.SiteId, version.Id, version.BrandScore, clock.GetUtcNow(), cancellationToken)
            || await store.GetSiteAsync(tenant, version.SiteId, cancellationToken) is not { } site)
        {
            throw new GenerationRequestException("siteId", $"There is no site {version.SiteId} for this tenant.", notFound: true);
        }

        return site;
    }

    /// <summary>Renames the site: the name is trimmed and must be 1 to <see cref="Site.MaxNameLength"/> characters.</summary>
    public async Task<Site> RenameSiteAsync(string tenant, string siteId, string? name, CancellationToken cancellationToken)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length == 0)
        {
            throw new GenerationRequestException("name", "Give the site a name.");
        }

        if (trimmed.Length > Site.MaxNameLength)
        {
            throw new GenerationRequestException("name", $"A site name has at most {Site.MaxNameLength} characters; this one has {trimmed.Length}.");
        }

        if (!await store.RenameSiteAsync(tenant, siteId, trimmed, cancellationToken)
            || await store.GetSiteAsync(tenant, siteId, cancellationToken) is not { } site)
        {
            throw new GenerationRequestException("siteId", $"There is no site {siteId} for this tenant.", notFound: true);
        }

        return site;
    }

    /// <summary>"Acme Outfitters · E-commerce sale" when the prompt names a brand; otherwise the prompt's first words.</summary>
    private static string SiteName(string prompt, PageTemplate template)
    {
        if ((Validation.Briefs.Brief.Read(prompt).Name ?? Prompts.PromptFacts.From(prompt).BrandName) is { Length: > 0 } brand)
        {
            return $"{brand} · {template.Name}";
        }

        var name = prompt.Split(['.', '\n', '!', '?', ':'], 2)[0].Trim();
        return name.Length <= 60 ? name : name[..57].TrimEnd() + "…";
    }
}
