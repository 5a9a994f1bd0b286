using System.Security.Cryptography;
using SiteBuilder.Storage;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>Table and bucket names that no other test uses, so tests sharing one emulator never share state.</summary>
public static class UniqueResourceNames
{
    /// <summary>The production naming scheme <c>site-builder-{kind}-{env}</c> with a random environment such as <c>t3f9a0c12d4</c>.</summary>
    public static ResourceNames Create()
    {
        // Buckets allow lower-case letters, digits and hyphens only, and at most 63 characters.
        var environment = "t" + RandomNumberGenerator.GetHexString(10, lowercase: true);
        return ResourceNames.From(new SiteBuilderOptions { Environment = environment }, new StorageOptions());
    }
}
