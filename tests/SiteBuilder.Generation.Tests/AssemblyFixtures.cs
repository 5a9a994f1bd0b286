using SiteBuilder.TestSupport.Emulators;

// One dynalite for the whole assembly; the DynamoDB generation store tests get their own tables.
[assembly: AssemblyFixture(typeof(DynaliteEmulator))]
