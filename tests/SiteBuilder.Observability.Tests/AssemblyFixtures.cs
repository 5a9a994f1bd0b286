using SiteBuilder.TestSupport.Emulators;

// One dynalite for the whole assembly; every test class gets its own tables.
[assembly: AssemblyFixture(typeof(DynaliteEmulator))]
