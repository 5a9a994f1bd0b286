using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;

namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>
/// Builds SVG with LINQ to XML, so every document is well-formed and every text is escaped.
/// <c>E("rect", ("x", 1.5), ("fill", "#fff"))</c>: tuples become attributes, anything else content.
/// </summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement E(string name, params object?[] items)
    {
        var element = new XElement(Ns + name);
        foreach (var item in items)
        {
            switch (item)
            {
                case null:
                    break;
                case ITuple { Length: 2 } t when t[0] is string attribute:
                    if (t[1] is not null)
                    {
                        element.SetAttributeValue(attribute, Value(t[1]!));
                    }

                    break;
                case IEnumerable<XElement> many:
                    element.Add(many);
                    break;
                default:
                    element.Add(item);
                    break;
            }
        }

        return element;
    }

    public static XElement Group(params object?[] items) => E("g", items);

    public static string Value(object value) => value switch
    {
        double d => Num(d),
        float f => Num(f),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        RgbColor c => c.ToHex(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string Num(double v)
    {
        var rounded = Math.Round(v, 2);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A path "M x y L x y … Z" through the points.</summary>
    public static string Polygon(IEnumerable<(double X, double Y)> points)
    {
        var sb = new StringBuilder();
        foreach (var (x, y) in points)
        {
            sb.Append(sb.Length == 0 ? "M" : " L").Append(Num(x)).Append(' ').Append(Num(y));
        }

        return sb.Append(" Z").ToString();
    }

    /// <summary>Corners of a regular polygon; the first corner points straight up when <paramref name="rotation"/> is 0.</summary>
    public static IEnumerable<(double X, double Y)> RegularPolygon(double cx, double cy, double radius, int sides, double rotation = 0)
    {
        for (var i = 0; i < sides; i++)
        {
            var a = ((-90 + rotation) * Math.PI / 180) + (i * 2 * Math.PI / sides);
            yield return (cx + (radius * Math.Cos(a)), cy + (radius * Math.Sin(a)));
        }
    }

    public static XElement Document(int width, int height, string title, IEnumerable<object?> content)
    {
        var root = E("svg",
            ("viewBox", $"0 0 {width} {height}"),
            ("width", width),
            ("height", height),
            ("role", "img"),
            ("aria-label", title),
            E("title", title));
        foreach (var item in content)
        {
            if (item is not null)
            {
                root.Add(item);
            }
        }

        return root;
    }

    public static byte[] ToBytes(XElement root) => Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));
}
