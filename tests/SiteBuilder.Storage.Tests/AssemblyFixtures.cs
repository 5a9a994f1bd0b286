using SiteBuilder.TestSupport.Emulators;

// One emulator process each for the whole assembly; every test class gets its own tables and buckets.
[assembly: AssemblyFixture(typeof(DynaliteEmulator))]
[assembly: AssemblyFixture(typeof(S3rverEmulator))]
