using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteBuilder.Operations.Store;

/// <summary>How operations records are written: the API's camelCase and snake_case enum values, in the store and at the edge alike.</summary>
public static class OpsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");
}

/// <summary>Enum values as snake_case strings (<c>terraform_only</c>, <c>verifying</c>), as the API and the seed spell them.</summary>
public sealed class SnakeCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
