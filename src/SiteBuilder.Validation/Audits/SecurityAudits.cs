using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

/// <summary>
/// Generated HTML is untrusted: it is served with a script-blocking CSP and previewed in a sandbox, and these
/// audits tell the author what would be blocked or is unsafe anyway.
/// </summary>
internal static class SecurityAudits
{
    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping", "lowsrc",
        "dynsrc", "manifest", "codebase", "icon", "longdesc", "profile", "usemap", "archive", "classid", "srcdoc", "srcset",
    };

    // Types a browser executes; any other type makes a <script> an inert data block (JSON-LD, templates).
    private static readonly HashSet<string> ScriptTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "module", "importmap", "speculationrules", "text/javascript", "application/javascript", "application/ecmascript",
        "text/ecmascript", "application/x-javascript", "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript",
        "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
    };

    public static void Run(PageDocument document, PageStyles styles, PageResources resources, AuditRecorder audits)
    {
        audits.Applicable(AuditCatalog.NoScript);
        audits.Applicable(AuditCatalog.NoInlineEventHandlers);
        audits.Applicable(AuditCatalog.NoScriptUrls);
        audits.Applicable(AuditCatalog.NoEmbeddedContent);
        audits.Applicable(AuditCatalog.NoBaseElement);
        audits.Applicable(AuditCatalog.MetaRefresh);

        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            var name = element.LocalName;
            CheckElement(element, name, i, audits);
            CheckNewTabOpener(element, name, i, audits);
            CheckAttributes(element, i, audits);
        }

        foreach (var hazard in styles.Sheet.Hazards)
        {
            if (hazard.SourceElement >= 0)
            {
                audits.Fail(AuditCatalog.NoScriptUrls, hazard.SourceElement, $"CSS that can run script: {hazard.Text}.");
            }
        }

        CheckResources(document, resources, audits);
    }

    /// <summary>Elements that run script, embed other content, redirect, rebase URLs or post forms elsewhere.</summary>
    private static void CheckElement(IElement element, string name, int index, AuditRecorder audits)
    {
        switch (name)
        {
            case "script":
                var type = element.GetAttribute("type")?.Trim() ?? "";
                var semicolon = type.IndexOf(';', StringComparison.Ordinal);
                if (ScriptTypes.Contains(semicolon < 0 ? type : type[..semicolon].Trim()))
                {
                    audits.Fail(AuditCatalog.NoScript, index, element.HasAttribute("src")
                        ? $"External script {Shorten(element.GetAttribute("src")!)}."
                        : "Inline script.");
                }

                break;
            case "iframe" or "frame" or "frameset" or "object" or "embed" or "applet" or "portal" or "fencedframe":
                audits.Fail(AuditCatalog.NoEmbeddedContent, index, $"<{name}> embeds other content in the page.");
                break;
            case "base" when element.HasAttribute("href") || element.HasAttribute("target"):
                audits.Fail(AuditCatalog.NoBaseElement, index, $"<base> changes where every relative URL points ({Shorten(element.GetAttribute("href") ?? element.GetAttribute("target") ?? "")}).");
                break;
            case "meta" when string.Equals(element.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase):
                audits.Fail(AuditCatalog.MetaRefresh, index, $"Meta refresh \"{Shorten(element.GetAttribute("content") ?? "")}\" reloads or redirects the page.");
                break;
            case "form":
                audits.Applicable(AuditCatalog.FormAction);
                CheckFormTarget(audits, index, element.GetAttribute("action"), "action");
                break;
            case "button" or "input" when element.HasAttribute("formaction"):
                CheckFormTarget(audits, index, element.GetAttribute("formaction"), "formaction");
                break;
        }
    }

    /// <summary>A link or form that opens a new tab must not hand the new page this one (reverse tabnabbing).</summary>
    private static void CheckNewTabOpener(IElement element, string name, int index, AuditRecorder audits)
    {
        if (name is "a" or "area" or "form" && element.GetAttribute("target") is { } target
            && string.Equals(target.Trim(), "_blank", StringComparison.OrdinalIgnoreCase))
        {
            audits.Applicable(AuditCatalog.ExternalLinksNoopener);
            var rel = (element.GetAttribute("rel") ?? "").ToLowerInvariant();
            if (!rel.Contains("noopener", StringComparison.Ordinal) && !rel.Contains("noreferrer", StringComparison.Ordinal))
            {
                audits.Fail(AuditCatalog.ExternalLinksNoopener, index, "Opens a new tab without rel=\"noopener\": the new page can navigate this one (reverse tabnabbing).");
            }
        }
    }

    /// <summary>Inline event handlers and script URLs in any attribute.</summary>
    private static void CheckAttributes(IElement element, int index, AuditRecorder audits)
    {
        foreach (var attribute in element.Attributes)
        {
            var attributeName = attribute.Name;
            if (attributeName.Length > 2 && attributeName.StartsWith("on", StringComparison.OrdinalIgnoreCase) && IsAsciiLetters(attributeName.AsSpan(2)))
            {
                audits.Fail(AuditCatalog.NoInlineEventHandlers, index, $"Event handler {attributeName}=\"{Shorten(attribute.Value)}\".");
            }
            else if (UrlAttributes.Contains(attributeName) && HasScriptUrl(attributeName, attribute.Value, element))
            {
                audits.Fail(AuditCatalog.NoScriptUrls, index, $"{attributeName} holds a script URL: {Shorten(attribute.Value)}.");
            }
        }
    }

    /// <summary>Resources over plain HTTP, and remote stylesheets pulled in by <c>@import</c>.</summary>
    private static void CheckResources(PageDocument document, PageResources resources, AuditRecorder audits)
    {
        foreach (var resource in resources.Resources)
        {
            audits.Applicable(AuditCatalog.MixedContent);
            if (UrlSafety.IsInsecureHttp(resource.Url))
            {
                audits.Fail(AuditCatalog.MixedContent, resource.Element, $"{resource.Kind} loaded over plain HTTP: {Shorten(resource.Url)}.");
            }

            if (resource.Kind == ResourceKind.Stylesheet && document.Elements[resource.Element].LocalName == "style")
            {
                audits.Applicable(AuditCatalog.NoRemoteCssImport);
                if (UrlSafety.IsAbsoluteWeb(resource.Url))
                {
                    audits.Fail(AuditCatalog.NoRemoteCssImport, resource.Element, $"@import of a remote stylesheet: {Shorten(resource.Url)}.");
                }
            }
        }
    }

    private static void CheckFormTarget(AuditRecorder audits, int element, string? action, string attribute)
    {
        audits.Applicable(AuditCatalog.FormAction);
        if (string.IsNullOrWhiteSpace(action) || UrlSafety.IsScriptUrl(action))
        {
            return;
        }

        if (UrlSafety.IsInsecureHttp(action))
        {
            audits.Fail(AuditCatalog.FormAction, element, $"The form sends its data over plain HTTP ({attribute}=\"{Shorten(action)}\").");
        }
        else if (UrlSafety.IsAbsoluteWeb(action))
        {
            audits.Fail(AuditCatalog.FormAction, element, $"The form sends its data to another site ({attribute}=\"{Shorten(action)}\").");
        }
    }

    private static bool HasScriptUrl(string attributeName, string value, IElement element)
    {
        if (attributeName.Equals("srcset", StringComparison.OrdinalIgnoreCase))
        {
            return value.Split(',').Any(candidate => UrlSafety.IsScriptUrl(candidate.Trim()));
        }

        if (attributeName.Equals("srcdoc", StringComparison.OrdinalIgnoreCase))
        {
            // srcdoc is a whole document; the embedded-content audit already flags its iframe.
            return false;
        }

        // data:image/svg+xml in <img> cannot script; in a frame, object or embed it can.
        if (UrlSafety.Normalize(value).StartsWith("data:image/svg+xml", StringComparison.Ordinal))
        {
            return element.LocalName is "iframe" or "frame" or "object" or "embed";
        }

        return UrlSafety.IsScriptUrl(value);
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 80 ? single : string.Concat(single.AsSpan(0, 80), "…");
    }
}
