namespace Ops.Jenkins.Configuration;

/// <summary>One timing-relevant setting of an ECS cloud as the plugin will use it: the value after the
/// plugin's defaults, where it came from (a line of the file, or the default).</summary>
public sealed class Setting
{
    /// <summary>The JCasC key, e.g. <c>taskPollingIntervalInSeconds</c>.</summary>
    public string Key { get; init; }
    /// <summary>The value the plugin uses (after mapping a missing field or 0 to the default).</summary>
    public int Value { get; init; }
    /// <summary>True when the file does not set it (or sets 0, which the plugin's getter maps to the default).</summary>
    public bool IsDefault { get; init; }
    /// <summary>1-based line of the field in the file; 0 when absent.</summary>
    public int Line { get; init; }

    public string Describe(string unit = "") =>
        $"{Key}: {Value}{unit}" + (Key == "maxAgents" && Value == 0 ? " = unlimited" : "") +
        (IsDefault ? Line > 0 ? $" (0 on line {Line} means the plugin default)" : " (plugin default)" : $" (line {Line})");

    public override string ToString() => $"{Key}={Value}";
}

/// <summary>An <c>ecs:</c> entry of <c>jenkins.clouds</c>.</summary>
public sealed class EcsCloudSettings
{
    public string Name { get; init; }
    /// <summary>1-based line of the <c>ecs:</c> key.</summary>
    public int Line { get; init; }
    public string Cluster { get; init; }
    public string RegionName { get; init; }
    public Setting TaskPollingIntervalInSeconds { get; init; }
    public Setting SlaveTimeoutInSeconds { get; init; }
    /// <summary>Minutes.</summary>
    public Setting RetentionTimeout { get; init; }
    public Setting MaxAgents { get; init; }
    public Setting NumExecutors { get; init; }
    public bool RetainAgents { get; init; }
    public IReadOnlyList<EcsTemplateSettings> Templates { get; init; } = Array.Empty<EcsTemplateSettings>();

    /// <summary>The retention strategy ECSSlave's constructor picks.</summary>
    public string RetentionStrategy => RetainAgents ? "CloudRetentionStrategy" : "OnceRetentionStrategy";

    public string DisplayName => string.IsNullOrEmpty(Name) ? $"(unnamed ecs cloud, line {Line})" : Name;

    public override string ToString() => $"{Name} (line {Line})";
}

/// <summary>A <c>templates:</c> entry of an ECS cloud (only what the report shows).</summary>
public sealed class EcsTemplateSettings
{
    public string TemplateName { get; init; }
    public string Label { get; init; }
    public string LaunchType { get; init; }
    public int Line { get; init; }

    public string DisplayName => !string.IsNullOrEmpty(TemplateName) ? TemplateName : !string.IsNullOrEmpty(Label) ? Label : $"(template, line {Line})";
}

/// <summary>The amazon-ecs plugin's defaults (ECSCloud.DescriptorImpl; the getters also map 0 to the default).</summary>
public static class PluginDefaults
{
    public const int SlaveTimeoutInSeconds = 900;
    public const int TaskPollingIntervalInSeconds = 1;
    public const int RetentionTimeoutMinutes = 5;
    public const int MaxAgents = 0;
    public const int NumExecutors = 1;
}
