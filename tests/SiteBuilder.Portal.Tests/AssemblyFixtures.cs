using SiteBuilder.TestSupport.Emulators;

// One dynalite and one s3rver process for the whole test assembly; each test class makes its own tables and buckets.
[assembly: AssemblyFixture(typeof(DynaliteEmulator))]
[assembly: AssemblyFixture(typeof(S3rverEmulator))]
