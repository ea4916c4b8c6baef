using Ops.Tla.Config;
using Ops.Tla.Semantics;

namespace Ops.Tla.Checking;

/// <summary>
/// What to check: the root module (by name), where it and the modules it EXTENDS or INSTANCEs come from, and the
/// model configuration. From files (<see cref="FromFile"/>, what <c>ops check SPEC.tla</c> does) or from text in
/// memory (<see cref="FromText(string, string, string, IEnumerable{KeyValuePair{string, string}})"/>, what a program
/// that embeds its model does); either way the checker reads every module through <see cref="Modules"/>.
/// </summary>
public sealed class ModelSource
{
    private readonly string _specPath;

    private ModelSource(string rootModule, IModuleSource modules, string configPath, string configText, string specPath = null)
    {
        _specPath = specPath;
        RootModule = rootModule;
        Modules = modules;
        ConfigPath = configPath;
        ConfigText = configText;
    }

    /// <summary>The name of the module to check.</summary>
    public string RootModule { get; }

    /// <summary>Where the root module and the modules it uses are found (the standard modules come after).</summary>
    public IModuleSource Modules { get; }

    /// <summary>The configuration's file: read from disk when <see cref="ConfigText"/> is null, else only the name
    /// errors and TLCGet("spec") give (for a model in memory, the root module's name with .cfg).</summary>
    public string ConfigPath { get; }

    /// <summary>The configuration's text, or null to read <see cref="ConfigPath"/>.</summary>
    public string ConfigText { get; }

    /// <summary>The specification file <paramref name="specPath"/> with the modules of its folder, and the
    /// configuration <paramref name="configPath"/> (null: SPEC's name with .cfg; a .tla file: its CONFIG section).</summary>
    public static ModelSource FromFile(string specPath, string configPath = null)
    {
        specPath = Path.GetFullPath(specPath);
        var root = Path.GetFileNameWithoutExtension(specPath);
        var modules = ModuleSources.Chain(new RootFile(root, specPath), new DirectoryModuleSource(new[] { Path.GetDirectoryName(specPath) }));
        return new ModelSource(root, modules, configPath != null ? Path.GetFullPath(configPath) : Path.ChangeExtension(specPath, ".cfg"), null, specPath);
    }

    /// <summary>A model in memory: module <paramref name="rootModule"/> found in <paramref name="modules"/> (with the
    /// modules it uses) and the configuration text <paramref name="configText"/>. Errors name a module's file as
    /// NAME.tla and the configuration as <paramref name="configName"/> (null: ROOT.cfg).</summary>
    public static ModelSource FromText(string rootModule, IModuleSource modules, string configText, string configName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootModule);
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(configText);
        return new ModelSource(rootModule, modules, configName ?? rootModule + ".cfg", configText);
    }

    /// <summary>A model in memory: the root module's text, the configuration's, and other modules by name.</summary>
    public static ModelSource FromText(string rootModule, string rootText, string configText,
        IEnumerable<KeyValuePair<string, string>> otherModules = null)
    {
        var modules = new InMemoryModuleSource(otherModules ?? Array.Empty<KeyValuePair<string, string>>()).Add(rootModule, rootText);
        return FromText(rootModule, modules, configText);
    }

    /// <summary>The same modules with another configuration (text, named <paramref name="configName"/>).</summary>
    public ModelSource WithConfig(string configText, string configName) =>
        new(RootModule, Modules, configName ?? ConfigPath, configText ?? throw new ArgumentNullException(nameof(configText)), _specPath);

    /// <summary>The root module's text; a missing one is TLC's "Cannot find" (a parse error, 150).</summary>
    internal ModuleText ReadRoot() =>
        Modules.Find(RootModule) ?? throw new TlaException(ErrorKind.Syntax,
            _specPath != null ? $"Cannot find the specification file {_specPath}" : $"Cannot find the specification module {RootModule}");

    /// <summary>Parses the configuration (a missing file is TLC's ConfigFileException, exit 255).</summary>
    internal ModelConfig ReadConfig()
    {
        if (ConfigText != null) return ConfigParser.Parse(ConfigText, ConfigPath);
        if (!File.Exists(ConfigPath))
            throw new TlaException(ErrorKind.Config, $"Cannot find the model configuration {ConfigPath} (give one with {HostTerms.Say("-config FILE", "-ConfigPath FILE")})")
                { ExitCode = ExitStatus.SystemError };
        return ConfigParser.ParseFile(ConfigPath);
    }

    /// <summary>The root file as given (its name need not end in .tla).</summary>
    private sealed class RootFile(string name, string path) : IModuleSource
    {
        public ModuleText Find(string module) =>
            module == name && File.Exists(path) ? new ModuleText(name, File.ReadAllText(path), path) : null;
    }
}
