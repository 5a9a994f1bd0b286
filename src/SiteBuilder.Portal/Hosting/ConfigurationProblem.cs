using Microsoft.Extensions.Options;

namespace SiteBuilder.Portal.Hosting;

internal static class ConfigurationProblem
{
    /// <summary>The message of a configuration failure (binding or validation), or null for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException e => string.Join(" ", e.Failures),
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => e.Message,
        AggregateException e => e.InnerExceptions.Select(Describe).FirstOrDefault(m => m is not null),
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => null,
    };
}
