using System.Globalization;
using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

/// <summary>The axe-core rules the issue names, evaluated on the static page (color-contrast lives in
/// <see cref="ContrastAudit"/>).</summary>
internal static class AccessibilityAudits
{
    public const double MinTargetPx = 24;
    public const double MinMaximumScale = 2;

    public static void Run(PageDocument document, PageStyles styles, AccessibleNames names, AuditRecorder audits)
    {
        if (document.Count == 0)
        {
            return;
        }

        var (hidden, labelsByFor) = HiddenAndLabels(document, styles);
        PageLevel(document, audits);

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var mainLandmarks = 0;
        var previousHeading = 0;
        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            var name = element.LocalName;
            var role = element.GetAttribute("role")?.Trim().ToLowerInvariant();

            if (!string.IsNullOrEmpty(element.Id))
            {
                audits.Applicable(AuditCatalog.DuplicateId);
                if (!seenIds.Add(element.Id))
                {
                    audits.Fail(AuditCatalog.DuplicateId, i, $"id=\"{element.Id}\" is used {document.IdCounts[element.Id]} times.");
                }
            }

            if (name == "meta" && string.Equals(element.GetAttribute("name")?.Trim(), "viewport", StringComparison.OrdinalIgnoreCase))
            {
                Viewport(element, i, audits);
            }

            if (hidden[i])
            {
                continue;
            }

            if (name == "main" || role == "main")
            {
                mainLandmarks++;
            }

            CheckNameOrLabel(document, names, labelsByFor, i, element, name, role, audits);

            var level = HeadingLevel(element, name, role);
            if (level > 0)
            {
                audits.Applicable(AuditCatalog.HeadingOrder);
                if (previousHeading > 0 && level > previousHeading + 1)
                {
                    audits.Fail(AuditCatalog.HeadingOrder, i, $"An h{level} follows an h{previousHeading}: level {previousHeading + 1} is skipped.");
                }

                previousHeading = level;
            }

            TargetSize(document, styles, i, element, name, role, audits);
        }

        audits.Applicable(AuditCatalog.LandmarkOneMain);
        if (mainLandmarks == 0)
        {
            audits.FailPage(AuditCatalog.LandmarkOneMain, "The page has no <main> element (or role=\"main\").");
        }
    }

    /// <summary>Which elements are hidden from assistive technology (not rendered, aria-hidden, or inside such), and each <c>label for</c>'s target.</summary>
    private static (bool[] Hidden, Dictionary<string, int> LabelsByFor) HiddenAndLabels(PageDocument document, PageStyles styles)
    {
        var hidden = new bool[document.Count];
        var labelsByFor = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < document.Count; i++)
        {
            var parent = document.Parent[i];
            hidden[i] = !styles.Rendered[i] || AccessibleNames.IsAriaHidden(document.Elements[i]) || (parent >= 0 && hidden[parent]);
            if (document.Elements[i].LocalName == "label" && document.Elements[i].GetAttribute("for") is { Length: > 0 } target)
            {
                labelsByFor.TryAdd(target, i);
            }
        }

        return (hidden, labelsByFor);
    }

    /// <summary>image-alt, link-name, button-name and label: what a screen reader announces for a visible element.</summary>
    private static void CheckNameOrLabel(PageDocument document, AccessibleNames names, Dictionary<string, int> labelsByFor, int index, IElement element, string name, string? role, AuditRecorder audits)
    {
        switch (name)
        {
            case "img":
                audits.Applicable(AuditCatalog.ImageAlt);
                if (!element.HasAttribute("alt") && role is not ("none" or "presentation") && !names.HasName(index, fromContent: false))
                {
                    audits.Fail(AuditCatalog.ImageAlt, index, "The image has no alt attribute.");
                }

                break;
            case "a" when element.HasAttribute("href") && role is null or "link":
                audits.Applicable(AuditCatalog.LinkName);
                if (!names.HasName(index, fromContent: true))
                {
                    audits.Fail(AuditCatalog.LinkName, index, "The link has no text a screen reader can announce.");
                }

                break;
            case "button" when role is null or "button":
                CheckButton(index, names, audits, fromContent: true);
                break;
            case "input":
                var type = (element.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
                if (type is "button" or "submit" or "reset")
                {
                    CheckButton(index, names, audits, fromContent: false);
                }
                else if (type is not ("hidden" or "image"))
                {
                    CheckLabel(document, names, labelsByFor, index, element, audits);
                }

                break;
            case "select" or "textarea":
                CheckLabel(document, names, labelsByFor, index, element, audits);
                break;
            default:
                if (role == "button")
                {
                    CheckButton(index, names, audits, fromContent: true);
                }

                break;
        }
    }

    private static void PageLevel(PageDocument document, AuditRecorder audits)
    {
        var html = document.Elements[0];
        audits.Applicable(AuditCatalog.HtmlHasLang);
        var lang = html.GetAttribute("lang") ?? html.GetAttribute("xml:lang");
        if (string.IsNullOrWhiteSpace(lang))
        {
            audits.Fail(AuditCatalog.HtmlHasLang, 0, "The <html> element has no lang attribute.");
        }

        audits.Applicable(AuditCatalog.DocumentTitle);
        if (string.IsNullOrWhiteSpace(document.Html.Title))
        {
            audits.FailPage(AuditCatalog.DocumentTitle, "The page has no <title>, or an empty one.");
        }
    }

    private static void Viewport(IElement meta, int index, AuditRecorder audits)
    {
        audits.Applicable(AuditCatalog.MetaViewport);
        var content = meta.GetAttribute("content") ?? "";
        foreach (var pair in content.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var key = pair[..equals].Trim().ToLowerInvariant();
            var value = pair[(equals + 1)..].Trim().ToLowerInvariant();
            if (key == "user-scalable" && value is "no" or "0")
            {
                audits.Fail(AuditCatalog.MetaViewport, index, $"user-scalable={value} stops people from zooming.");
            }
            else if (key == "maximum-scale" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale < MinMaximumScale)
            {
                audits.Fail(AuditCatalog.MetaViewport, index, FormattableString.Invariant($"maximum-scale={scale} stops people from zooming to 200%."));
            }
        }
    }

    private static void CheckButton(int index, AccessibleNames names, AuditRecorder audits, bool fromContent)
    {
        audits.Applicable(AuditCatalog.ButtonName);
        if (!names.HasName(index, fromContent))
        {
            audits.Fail(AuditCatalog.ButtonName, index, "The button has no text a screen reader can announce.");
        }
    }

    private static void CheckLabel(PageDocument document, AccessibleNames names, Dictionary<string, int> labelsByFor, int index, IElement element, AuditRecorder audits)
    {
        audits.Applicable(AuditCatalog.Label);
        if (names.HasName(index, fromContent: false))
        {
            return;
        }

        if (!string.IsNullOrEmpty(element.Id) && labelsByFor.TryGetValue(element.Id, out var label) && HasText(names, label))
        {
            return;
        }

        var wrapping = document.ClosestByName(index, "label");
        if (wrapping >= 0 && HasText(names, wrapping))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(element.GetAttribute("placeholder")))
        {
            return;
        }

        audits.Fail(AuditCatalog.Label, index, $"The <{element.LocalName}> has no label.");
    }

    private static bool HasText(AccessibleNames names, int element)
    {
        var collector = new TextCollector(16);
        names.AppendContent(element, collector);
        return !collector.IsEmpty;
    }

    private static int HeadingLevel(IElement element, string name, string? role)
    {
        if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6' && role is null or "heading")
        {
            return name[1] - '0';
        }

        if (role == "heading")
        {
            return int.TryParse(element.GetAttribute("aria-level"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 9
                ? level
                : 2;
        }

        return 0;
    }

    /// <summary>WCAG 2.5.8 on what CSS says without layout: a target whose width or height the page sets below
    /// 24 px (padding included) fails. Links inside running text are exempt, as the criterion says.</summary>
    private static void TargetSize(PageDocument document, PageStyles styles, int index, IElement element, string name, string? role, AuditRecorder audits)
    {
        var interactive = name switch
        {
            "a" => element.HasAttribute("href"),
            "button" or "select" or "textarea" or "summary" => true,
            "input" => !string.Equals(element.GetAttribute("type")?.Trim(), "hidden", StringComparison.OrdinalIgnoreCase),
            _ => role is "button" or "link" or "checkbox" or "radio" or "switch" or "tab" or "menuitem",
        };
        if (!interactive || !styles.IsVisible(index) || element.HasAttribute("disabled"))
        {
            return;
        }

        var style = styles.Styles[index];
        var width = style.OuterWidth;
        var height = style.OuterHeight;
        if (double.IsNaN(width) && double.IsNaN(height))
        {
            return;
        }

        var parent = document.Parent[index];
        if (name == "a" && parent >= 0 && document.HasOwnText(parent))
        {
            return;
        }

        audits.Applicable(AuditCatalog.TargetSize);
        if (width < MinTargetPx || height < MinTargetPx)
        {
            var w = double.IsNaN(width) ? "auto" : FormattableString.Invariant($"{width:0.#}");
            var h = double.IsNaN(height) ? "auto" : FormattableString.Invariant($"{height:0.#}");
            audits.Fail(AuditCatalog.TargetSize, index, $"The target is {w} × {h} px; it needs at least 24 × 24 px.");
        }
    }
}
