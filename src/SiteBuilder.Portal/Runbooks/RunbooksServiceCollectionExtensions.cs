using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace SiteBuilder.Portal.Runbooks;

public static class RunbooksServiceCollectionExtensions
{
    /// <summary>The docs shipped next to the binaries (the repository's <c>docs/</c>), their renderer and their search index.</summary>
    public static WebApplicationBuilder AddRunbooks(this WebApplicationBuilder builder)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "docs");
        builder.Services.AddSingleton(new DocumentLibrary(folder));
        builder.Services.AddSingleton<RunbookRenderer>();
        builder.Services.AddSingleton<RunbookSearch>();
        builder.Services.AddSingleton<RunbookEnvironments>();
        builder.Services.AddSingleton<RunbookAlarms>();
        builder.Services.AddSingleton<RunbookChecklists>();
        return builder;
    }

    /// <summary>Images and other files the docs link to, for signed-in users (the docs themselves are portal pages).</summary>
    public static IEndpointRouteBuilder MapRunbookFiles(this IEndpointRouteBuilder app)
    {
        var library = app.ServiceProvider.GetRequiredService<DocumentLibrary>();
        var types = new FileExtensionContentTypeProvider();
        app.MapGet(DocumentLibrary.FilesPrefix + "/{**path}", (string path) =>
            {
                var files = new PhysicalFileProvider(library.Folder);
                var file = files.GetFileInfo(path);
                return file.Exists && !file.IsDirectory && !path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && types.TryGetContentType(path, out var type)
                    ? Results.File(file.PhysicalPath!, type)
                    : Results.NotFound();
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
