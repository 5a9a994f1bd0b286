using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SiteBuilder.Operations.Engines.GitHubActions;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Restores;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests;

/// <summary>The engines' settings in <c>appsettings.json</c> are the code's defaults, and the README documents each with that default.</summary>
public sealed class OperationsEnginesSettingsDocumentationTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string, string> EngineSettings()
    {
        var operations = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "appsettings.json"))).RootElement.GetProperty("SiteBuilder").GetProperty("Operations");
        var data = new TheoryData<string, string>();
        Flatten(operations.GetProperty("GitHub"), "SiteBuilder:Operations:GitHub", data);
        Flatten(operations.GetProperty("Snapshots"), "SiteBuilder:Operations:Snapshots", data);
        data.Add("SiteBuilder:Operations:WebhookTimeout", operations.GetProperty("WebhookTimeout").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(EngineSettings))]
    public void TheReadmeDocumentsTheSettingWithItsDefault(string key, string value)
    {
        var row = File.ReadLines(Path.Combine(Root, "README.md")).FirstOrDefault(line => line.StartsWith($"| `{key}` |", StringComparison.Ordinal));

        Assert.True(row is not null, $"README.md has no configuration row for {key}.");
        Assert.Equal(value.Length == 0 ? "empty" : $"`{value}`", row.Split('|', StringSplitOptions.TrimEntries)[2]);
    }

    [Fact]
    public void TheShippedSettingsAreTheCodesDefaults()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.json")).Build();

        var github = shipped.GetSection(GitHubActionsOptions.Section).Get<GitHubActionsOptions>()!;
        var snapshots = shipped.GetSection(SnapshotOptions.Section).Get<SnapshotOptions>()!;
        var webhooks = shipped.GetSection(WebhookOptions.Section).Get<WebhookOptions>()!;

        var defaults = new GitHubActionsOptions();
        Assert.Equal((defaults.BaseUrl, defaults.Ref, defaults.RunDiscoveryTimeout, defaults.PollInterval), (github.BaseUrl, github.Ref, github.RunDiscoveryTimeout, github.PollInterval));
        Assert.True(string.IsNullOrEmpty(github.Token), "appsettings.json must never carry a GitHub token.");
        Assert.Equivalent(new SnapshotOptions(), snapshots);
        Assert.Equal(new WebhookOptions().WebhookTimeout, webhooks.WebhookTimeout);
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
                into.Add(key, property.Value.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => "",
                    _ => property.Value.ToString(),
                });
            }
        }
    }
}
