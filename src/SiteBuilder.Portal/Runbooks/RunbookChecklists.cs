using System.Text;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>One item of a runbook's checklist (<c>- [ ] …</c>), as text, with a key that stays while its words do.</summary>
public sealed record RunbookCheckItem(string Key, string Text);

/// <summary>A checklist of a runbook section, for one environment (its placeholders filled in).</summary>
public sealed record RunbookChecklist(RunbookDocument Document, string Anchor, string Title, IReadOnlyList<RunbookCheckItem> Items)
{
    public string Href(string environment) => $"{Document.Route}?env={Uri.EscapeDataString(environment)}#{Anchor}";
}

/// <summary>Who ticked an item of a runbook's checklist on a request, and when (read back from the audit log).</summary>
public sealed record RunbookCheckTick(string Key, string Text, string By, string ByName, DateTimeOffset At);

/// <summary>
/// The Rollback Runbook's post-rollback verification checklist, ticked inside a rollback: each tick is a line of the audit
/// log (action <see cref="RollbackCheckAction"/>, subject the rollback's id), which is also where the request reads its
/// ticks from, so the log and the request can never disagree.
/// </summary>
public sealed class RunbookChecklists(DocumentLibrary library, RunbookEnvironments environments, RollbackService rollbacks, AuditLog audit)
{
    public const string RollbackCheckAction = "rollback.runbook_check";

    /// <summary>The heading of the Rollback Runbook section whose checklist a rollback shows.</summary>
    public const string PostRollbackHeading = "Post-Rollback Verification";

    public const string RollbackRunbookPath = "runbooks/rollback_runbook.md";

    /// <summary>The post-rollback verification checklist for <paramref name="environment"/>, or null when the runbook has none.</summary>
    public RunbookChecklist? PostRollback(string environment)
    {
        var document = library.FindByPath(RollbackRunbookPath);
        return document is null ? null : Read(document, PostRollbackHeading, environments.Find(environment));
    }

    /// <summary>The task-list items of the section whose heading contains <paramref name="heading"/>, up to the next heading of its level.</summary>
    public static RunbookChecklist? Read(RunbookDocument document, string heading, RunbookEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ast = RunbookRenderer.Parse(environment is null ? document.Markdown : environment.Fill(document.Markdown));
        var blocks = ast.ToList();
        var start = blocks.FindIndex(b => b is HeadingBlock h && RunbookRenderer.PlainText(h.Inline).Contains(heading, StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            return null;
        }

        var title = (HeadingBlock)blocks[start];
        var items = new List<RunbookCheckItem>();
        foreach (var block in blocks.Skip(start + 1).TakeWhile(b => b is not HeadingBlock h || h.Level > title.Level))
        {
            foreach (var item in block.Descendants<ListItemBlock>())
            {
                if (item.FirstOrDefault() is ParagraphBlock { Inline: { } inline } && inline.FirstChild is TaskList)
                {
                    var text = RunbookRenderer.PlainText(inline);
                    items.Add(new RunbookCheckItem(KeyOf(text), text));
                }
            }
        }

        return items.Count == 0 ? null : new RunbookChecklist(document, title.GetAttributes().Id ?? "", RunbookRenderer.PlainText(title.Inline), items);
    }

    /// <summary>The ticks of the post-rollback checklist on rollback <paramref name="rollbackId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<RunbookCheckTick>> TicksAsync(string rollbackId, CancellationToken cancellationToken = default)
    {
        var view = await rollbacks.GetAsync(rollbackId, cancellationToken);
        var entries = await audit.QueryAsync(new AuditQuery(From: view.Request.CreatedAt, Environment: view.Request.Environment), cancellationToken);
        return [.. entries
            .Where(e => e.Action == RollbackCheckAction && e.Subject == view.Request.Id)
            .OrderBy(e => e.At)
            .Select(e => (Entry: e, Separator: e.Detail.IndexOf(": ", StringComparison.Ordinal)))
            .Where(x => x.Separator > 0)
            .Select(x => new RunbookCheckTick(x.Entry.Detail[..x.Separator], x.Entry.Detail[(x.Separator + 2)..], x.Entry.Actor, x.Entry.ActorName, x.Entry.At))
            .DistinctBy(t => t.Key)];
    }

    /// <summary>
    /// Ticks an item of the post-rollback checklist on a rollback that has run. Ticking an item again changes nothing (the
    /// first tick stands); an item the runbook does not have, or a rollback not yet run, is refused.
    /// </summary>
    public async Task<RunbookCheckTick> TickAsync(string rollbackId, string key, OpsActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var view = await rollbacks.GetAsync(rollbackId, cancellationToken);
        if (view.Deployment is not { IsFinished: true })
        {
            throw OperationsException.Conflict($"Rollback {rollbackId} has not finished running; the runbook's verification comes after.");
        }

        var item = PostRollback(view.Request.Environment)?.Items.FirstOrDefault(i => i.Key == key)
            ?? throw OperationsException.Invalid("item", $"'{key}' is not an item of the Rollback Runbook's {PostRollbackHeading} checklist.");
        if ((await TicksAsync(rollbackId, cancellationToken)).FirstOrDefault(t => t.Key == key) is { } ticked)
        {
            return ticked;
        }

        var entry = await audit.RecordAsync(actor, RollbackCheckAction, view.Request.Environment, view.Request.Id, $"{item.Key}: {item.Text}", cancellationToken);
        return new RunbookCheckTick(item.Key, item.Text, entry.Actor, entry.ActorName, entry.At);
    }

    /// <summary>A short slug of the item's words: <c>health-is-healthy-with-the-earlier-build-s-version</c>.</summary>
    public static string KeyOf(string text)
    {
        var key = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }

            if (key.Length >= 60)
            {
                break;
            }
        }

        return key.ToString().Trim('-');
    }
}
