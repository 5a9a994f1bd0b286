using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>The brief a version is checked against: the site's first prompt, since a refinement's prompt is only an instruction.</summary>
public static class BriefPrompts
{
    /// <summary>Refinement chains longer than this are checked against the oldest prompt reached.</summary>
    private const int MaxDepth = 50;

    public static async Task<string> ForAsync(IGenerationStore store, GenerationRecord generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(generation);
        var current = generation;
        for (var depth = 0; depth < MaxDepth && current.ParentGenerationId is { } parentId; depth++)
        {
            var parent = await store.GetAsync(current.Tenant, parentId, cancellationToken);
            if (parent is null)
            {
                break;
            }

            current = parent;
        }

        return current.Prompt;
    }
}
