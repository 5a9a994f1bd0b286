using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// Reads a JSON request body whatever Content-Type the client sent: the seed's own curl examples send JSON with
/// curl's default form content type, and they must work as written.
/// </summary>
public static class ApiBody
{
    public const int DefaultMaxBytes = 256 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        var (bytes, problem) = await ReadBytesAsync(request, maxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }

        return bytes!.Length == 0
            ? (null, ApiProblems.Validation("body", "The body is empty; send a JSON object."))
            : ParseJson<T>(request.HttpContext, bytes);
    }

    /// <summary>The whole body, or a 400 naming the limit as soon as it grows past <paramref name="maxBytes"/> (the rest is never buffered).</summary>
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, ApiProblems.Validation("body", $"The body is larger than {SizeText(maxBytes)}."));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Deserializes a JSON body with the API's options; malformed JSON is a 400 that says where.</summary>
    public static (T? Value, ProblemHttpResult? Problem) ParseJson<T>(HttpContext context, byte[] json)
        where T : class
    {
        try
        {
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var value = JsonSerializer.Deserialize<T>(json, options);
            return value is null ? (null, ApiProblems.Validation("body", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, ApiProblems.Validation(FieldOf(e.Path), $"The body is not valid JSON{where}: {FirstSentence(e.Message)}"));
        }
    }

    private static string SizeText(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
