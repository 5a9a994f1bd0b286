using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

/// <summary>
/// A practical subset of the accessible name computation (aria-labelledby, aria-label, native labels, alt,
/// content, title), walking descendants with an explicit stack and skipping hidden subtrees.
/// </summary>
internal sealed class AccessibleNames(PageDocument document, PageStyles styles)
{
    private const int MaxName = 160;

    public string Name(int index, bool fromContent)
    {
        var element = document.Elements[index];
        var labelledBy = element.GetAttribute("aria-labelledby");
        if (!string.IsNullOrWhiteSpace(labelledBy))
        {
            var collector = new TextCollector(MaxName);
            foreach (var id in labelledBy.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (document.FirstById.TryGetValue(id, out var target))
                {
                    collector.Break();
                    AppendContent(target, collector);
                }
            }

            if (!collector.IsEmpty)
            {
                return collector.ToString();
            }
        }

        var label = element.GetAttribute("aria-label");
        if (!string.IsNullOrWhiteSpace(label))
        {
            return label.Trim();
        }

        var own = NativeName(index, element);
        if (!string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        if (fromContent)
        {
            var collector = new TextCollector(MaxName);
            AppendContent(index, collector);
            if (!collector.IsEmpty)
            {
                return collector.ToString();
            }
        }

        return element.GetAttribute("title")?.Trim() ?? "";
    }

    /// <summary>Text of the element's rendered, non-aria-hidden content; images count by their alt text.</summary>
    public void AppendContent(int index, TextCollector collector)
    {
        var stack = new Stack<(int Element, int Node, int NextChild)>();
        stack.Push((index, 0, index + 1));
        while (stack.Count > 0 && !collector.Full)
        {
            var (current, node, nextChild) = stack.Pop();
            var nodes = document.Elements[current].ChildNodes;
            if (node >= nodes.Length)
            {
                continue;
            }

            var child = nodes[node];
            if (child is IText text)
            {
                stack.Push((current, node + 1, nextChild));
                collector.Append(text.Data);
                continue;
            }

            if (child is not IElement childElement)
            {
                stack.Push((current, node + 1, nextChild));
                continue;
            }

            var childIndex = nextChild;
            stack.Push((current, node + 1, document.SubtreeEnd[childIndex]));
            if (!styles.Rendered[childIndex] || IsAriaHidden(childElement))
            {
                continue;
            }

            switch (childElement.LocalName)
            {
                case "img" or "area":
                    collector.Break();
                    collector.Append(childElement.GetAttribute("alt") ?? childElement.GetAttribute("aria-label"));
                    collector.Break();
                    continue;
                case "input":
                    collector.Append(NativeName(childIndex, childElement));
                    continue;
                case "svg":
                    collector.Break();
                    collector.Append(SvgName(childIndex, childElement));
                    collector.Break();
                    continue;
            }

            if (childElement.GetAttribute("aria-label") is { Length: > 0 } nestedLabel && !string.IsNullOrWhiteSpace(nestedLabel))
            {
                collector.Append(nestedLabel);
                continue;
            }

            stack.Push((childIndex, 0, childIndex + 1));
        }
    }

    public static bool IsAriaHidden(IElement element) =>
        string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private string? NativeName(int index, IElement element)
    {
        switch (element.LocalName)
        {
            case "img" or "area":
                return element.GetAttribute("alt");
            case "svg":
                return SvgName(index, element);
            case "input":
                var type = (element.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
                return type switch
                {
                    "image" => element.GetAttribute("alt") ?? element.GetAttribute("value"),
                    "submit" => element.HasAttribute("value") ? element.GetAttribute("value") : "Submit",
                    "reset" => element.HasAttribute("value") ? element.GetAttribute("value") : "Reset",
                    "button" => element.GetAttribute("value"),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private string SvgName(int index, IElement svg)
    {
        if (svg.GetAttribute("aria-label") is { } label && !string.IsNullOrWhiteSpace(label))
        {
            return label.Trim();
        }

        for (var child = index + 1; child < document.SubtreeEnd[index]; child = document.SubtreeEnd[child])
        {
            if (document.Elements[child].LocalName == "title")
            {
                return document.OwnText(child, MaxName);
            }
        }

        return "";
    }
}
