using System.Security.Cryptography;
using System.Text;
using SiteBuilder.Portal.Api;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>
/// What the workspace preview puts first in every page it shows (preview.js reads it from <see cref="PreviewPane"/>'s
/// <c>data-frame-head</c>): a Content-Security-Policy whose only allowed script is <see cref="Script"/>, and that script.
/// The frames are <c>sandbox="allow-scripts"</c> without <c>allow-same-origin</c> (an opaque origin: no cookies, storage or
/// portal DOM); this policy keeps every script of the page itself from running (elements, handlers, <c>javascript:</c> URLs,
/// the portal's own script files), even one the sanitizer missed.
/// </summary>
public static class PreviewFrame
{
    /// <summary>
    /// The scroll reporter: posts the frame's scroll offset to the portal as the reader scrolls (once a frame), and scrolls to
    /// an offset the portal sends, answering with where it ended up. It runs before any of the page's markup is parsed, and
    /// later uses only members the window itself owns, so an element named after one (<c>&lt;img name=…&gt;</c>) cannot stand in.
    /// It also keeps the preview the preview: a link out of the page (anything but <c>#…</c>) does nothing, so the frame never
    /// navigates to another document, where scripts would be the other site's.
    /// </summary>
    public static readonly string Script = """
        (() => {
          const closest = Element.prototype.closest, attribute = Element.prototype.getAttribute, isElement = n => n instanceof Element;
          addEventListener('click', event => {
            const link = isElement(event.target) ? closest.call(event.target, 'a[href], area[href]') : null;
            if (link && !attribute.call(link, 'href').startsWith('#')) event.preventDefault();
          }, true);
          const report = () => parent.postMessage(scrollY, '*');
          let queued = false;
          addEventListener('scroll', () => {
            if (queued) return;
            queued = true;
            requestAnimationFrame(() => { queued = false; report(); });
          }, { passive: true });
          addEventListener('message', event => {
            if (event.source !== parent || typeof event.data !== 'number') return;
            scrollTo({ top: event.data, behavior: 'instant' });
            report();
          });
        })();
        """.ReplaceLineEndings("\n");

    /// <summary>The CSP source for <see cref="Script"/>; the portal's own policy lists it too (a srcdoc frame inherits that policy).</summary>
    public static readonly string ScriptHash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'";

    /// <summary>The generated page's content policy (what the preview link serves it with) plus the one script.</summary>
    public static readonly string Policy = $"{GenerationApi.PageContentPolicy}; script-src {ScriptHash}";

    /// <summary>The markup preview.js puts right after the page's doctype.</summary>
    public static readonly string Head = $"""<meta http-equiv="Content-Security-Policy" content="{Policy}"><script>{Script}</script>""";
}
