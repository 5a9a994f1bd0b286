using System.Text.Json;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>Every image-model setting of <c>appsettings.json</c> is in the README's configuration table with its shipped default.</summary>
public sealed class ImageSettingsDocumentationTests
{
    public static TheoryData<string, string> ImageSettings()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(OpenApiContract.RepositoryRoot, "appsettings.json"))).RootElement;
        var data = new TheoryData<string, string>();
        Flatten(settings.GetProperty("SiteBuilder").GetProperty("Images"), "SiteBuilder:Images", data);
        return data;
    }

    [Theory]
    [MemberData(nameof(ImageSettings))]
    public void TheReadmeDocumentsTheSettingWithItsDefault(string key, string value)
    {
        var row = File.ReadLines(Path.Combine(OpenApiContract.RepositoryRoot, "README.md"))
            .FirstOrDefault(line => line.StartsWith($"| `{key}` |", StringComparison.Ordinal));

        Assert.True(row is not null, $"README.md has no configuration row for {key}.");
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal(value.Length == 0 ? "empty" : $"`{value}`", cells[2]);
    }

    private static void Flatten(JsonElement element, string prefix, TheoryData<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = $"{prefix}:{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, key, into);
            }
            else
            {
                into.Add(key, property.Value.ValueKind == JsonValueKind.Null ? "" : property.Value.ToString());
            }
        }
    }
}
