using SiteBuilder.Portal.Testing;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Portal.Tests;

/// <summary>Points a test portal at the emulated AWS: tables in dynalite and buckets in s3rver, named by <paramref name="names"/>, created on start.</summary>
internal static class AwsMode
{
    public static T OnEmulators<T>(this T portal, DynaliteEmulator dynalite, S3rverEmulator s3rver, ResourceNames names)
        where T : PortalFactory
    {
        foreach (var (key, value) in dynalite.Configuration(names).Concat(s3rver.Configuration(names)))
        {
            portal.Settings[key] = value;
        }

        portal.Settings["SiteBuilder:Storage:CreateTables"] = "true";
        return portal;
    }
}
