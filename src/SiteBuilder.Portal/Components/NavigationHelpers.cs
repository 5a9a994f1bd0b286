using System.Text;

namespace SiteBuilder.Portal.Components;

public static class NavigationHelpers
{
    /// <summary>
    /// A return URL that stays on this site: a rooted local path, never <c>//host</c> or <c>/\host</c>, without control characters.
    /// Non-ASCII characters are percent-encoded (UTF-8), so the redirect's <c>Location</c> header is always valid: a link with
    /// <c>/café</c> signs the user in instead of failing.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal) || returnUrl.Any(char.IsControl) || returnUrl.Length > 2048)
        {
            return "/";
        }

        if (returnUrl.All(char.IsAscii))
        {
            return returnUrl;
        }

        var encoded = new StringBuilder(returnUrl.Length * 2);
        var bytes = new byte[4];
        for (var i = 0; i < returnUrl.Length; i++)
        {
            var c = returnUrl[i];
            if (char.IsAscii(c))
            {
                encoded.Append(c);
                continue;
            }

            // A lone surrogate cannot be encoded: such a URL is not worth keeping.
            var length = char.IsSurrogatePair(returnUrl, i) ? 2 : 1;
            if (char.IsSurrogate(c) && length == 1)
            {
                return "/";
            }

            var count = Encoding.UTF8.GetBytes(returnUrl.AsSpan(i, length), bytes);
            foreach (var b in bytes.AsSpan(0, count))
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return encoded.ToString();
    }
}
