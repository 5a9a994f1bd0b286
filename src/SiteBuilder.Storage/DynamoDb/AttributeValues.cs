using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace SiteBuilder.Storage.DynamoDb;

/// <summary>Terse constructors and readers for DynamoDB attribute values.</summary>
public static class Attr
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Time(DateTimeOffset value) => S(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    public static AttributeValue List(IEnumerable<string> values) => new() { L = [.. values.Select(S)] };

    public static string? GetString(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.NULL != true ? value.S : null;

    public static string RequireString(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetString(name) ?? throw new InvalidDataException($"DynamoDB item lacks '{name}'.");

    public static long GetLong(this Dictionary<string, AttributeValue> item, string name, long fallback = 0) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : fallback;

    public static double? GetDouble(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? double.Parse(n, CultureInfo.InvariantCulture) : null;

    public static bool GetBool(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.BOOL == true;

    public static DateTimeOffset? GetTime(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetString(name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) : null;

    public static IReadOnlyList<string> GetList(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.L is { } list ? [.. list.Select(v => v.S)] : [];
}
