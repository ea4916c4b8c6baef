using System.Management.Automation;
using Ops.Tla;

namespace Ops.PowerShell;

/// <summary>
/// The exception of every terminating error an Ops cmdlet throws on purpose: a short reason as its message, and the
/// exit code the <c>ops</c> CLI gives for the same outcome, so a pipeline step can end with
/// <c>catch { exit $_.Exception.ExitCode }</c>. The long report (a counterexample, the findings) is not in the message:
/// the cmdlet writes it to the host before it throws (see <see cref="OpsCmdlet.Fail"/>), and the outcome's own object
/// (the check result, the report) was written to the output.
/// </summary>
public class OpsCommandException : Exception
{
    public OpsCommandException(string reason, int exitCode, Exception inner = null) : base(reason, inner) => ExitCode = exitCode;

    /// <summary>The <c>ops</c> CLI's exit code for the same outcome (TLC's for a model check: 12 for a violated
    /// invariant, 150 for a parse error, ...); never 0.</summary>
    public int ExitCode { get; }

    /// <summary>The CLI's catch-all exit code (an error outside the domain's own outcomes: AWS, the network, a bug).</summary>
    public const int OtherFailure = 255;
}

/// <summary>A file given to a parameter that does not exist or is a folder, found before it is read (an IOException,
/// so the domains count it among their file failures); <see cref="Fix"/> says what to do. The domain cmdlets make it
/// an ObjectNotFound error with the fix as its RecommendedAction (<see cref="OpsCmdlet.RequireFile"/>).</summary>
public sealed class MissingFileException : IOException
{
    public MissingFileException(string message, string path, string fix) : base(message) => (Path, Fix) = (path, fix);

    /// <summary>The file as a file-system path (the error's target when the cmdlet has no other).</summary>
    public string Path { get; }

    public string Fix { get; }
}

/// <summary>
/// What every cmdlet of the module shares: messages in PowerShell's words (the libraries name <c>-Exclude</c>, not
/// <c>--exclude</c>, see <see cref="HostTerms"/>), and one way to fail a pipeline: <see cref="Fail"/> writes the
/// report where CI logs show it and throws a terminating error whose exception is an <see cref="OpsCommandException"/>
/// (its ExitCode, a short reason).
/// </summary>
public abstract class OpsCmdlet : PSCmdlet
{
    /// <summary>The tag of the information records that carry a failure's report (besides PSHOST, which makes the
    /// host print them as Write-Host does).</summary>
    public const string ReportTag = "Ops.Report";

    /// <summary>
    /// Ends the pipeline with a terminating error: first <paramref name="report"/> (the counterexample, the
    /// findings; may be null) goes to the host through the information stream, tagged PSHOST as Write-Host output is,
    /// so a CI log shows it whether or not a script catches the error (and <c>6&gt;</c> captures it); then the error,
    /// whose exception is <paramref name="failure"/> and whose message is its short reason.
    /// </summary>
    protected void Fail(OpsCommandException failure, string errorId, ErrorCategory category, object target,
        string report = null, string recommendedAction = null)
    {
        if (!string.IsNullOrWhiteSpace(report)) WriteReport(report);
        var record = new ErrorRecord(failure, errorId, category, target);
        if (recommendedAction != null) record.ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = recommendedAction };
        if (FailsTheStep)
        {
            // ThrowTerminatingError adds its record to -ErrorVariable; an exception thrown past it does not.
            AppendToErrorVariable(record);
            throw new OpsStepFailedException(record, MyInvocation);
        }
        ThrowTerminatingError(record);
    }

    /// <summary>
    /// The module's one way to report a file it was given and cannot use (missing, a folder, matching nothing): the
    /// message names the parameter and the file and says what to do, the record carries the same advice as its
    /// RecommendedAction, its category is ObjectNotFound, its target the path as given, and its exception an
    /// <see cref="OpsCommandException"/> with <paramref name="exitCode"/> -- so that <c>-ErrorAction Stop</c> and
    /// <c>catch { exit $_.Exception.ExitCode }</c> end a CI step with the CLI's code for it, not with exit 0 (an
    /// ItemNotFoundException has no ExitCode, and <c>exit $null</c> is <c>exit 0</c>).
    /// </summary>
    protected static ErrorRecord FileNotFoundRecord(string parameter, string given, string resolved, string errorId, int exitCode, string fix)
    {
        var full = resolved ?? given;
        var what = Directory.Exists(full) ? "is a folder" : File.Exists(full) ? "cannot be used" : "does not exist";
        var message = $"{parameter} {full} {what}: {fix}";
        var record = new ErrorRecord(new OpsCommandException(message, exitCode, new ItemNotFoundException(message)), errorId, ErrorCategory.ObjectNotFound, given);
        record.CategoryInfo.Reason = nameof(ItemNotFoundException);
        record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = char.ToUpperInvariant(fix[0]) + fix[1..] };
        return record;
    }

    /// <summary><paramref name="path"/> (given to -<paramref name="parameter"/>) when it is a file; else throws a
    /// <see cref="MissingFileException"/> whose message names the parameter, the file and the fix (the same words as
    /// <see cref="FileNotFoundRecord"/>), instead of .NET's "Could not find file" or, for a folder, "Access to the path
    /// is denied".</summary>
    protected static string RequireFile(string path, string parameter, string fix = null)
    {
        if (File.Exists(path)) return path;
        var folder = Directory.Exists(path);
        fix ??= folder ? "give a file, not a folder." : "check the name and the current folder (Get-ChildItem lists the files here).";
        throw new MissingFileException($"-{parameter} {path} {(folder ? "is a folder" : "does not exist")}: {fix}", path, char.ToUpperInvariant(fix[0]) + fix[1..]);
    }

    /// <summary><paramref name="record"/> with its exception made an <see cref="OpsCommandException"/> carrying
    /// <paramref name="exitCode"/> (the same message, the original as its inner exception), for a non-terminating error
    /// that <c>-ErrorAction Stop</c> may turn into the end of a script; a record that has one already is returned as is.</summary>
    protected static ErrorRecord WithExitCode(ErrorRecord record, int exitCode)
    {
        if (record.Exception is OpsCommandException) return record;
        var withCode = new ErrorRecord(new OpsCommandException(record.Exception.Message, exitCode, record.Exception), record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject)
        {
            ErrorDetails = record.ErrorDetails,
        };
        withCode.CategoryInfo.Reason = record.Exception.GetType().Name;
        return withCode;
    }

    /// <summary>Adds <paramref name="record"/> to the list the caller's -ErrorVariable names (NAME, or +NAME to append),
    /// which PowerShell made before the cmdlet ran.</summary>
    private void AppendToErrorVariable(ErrorRecord record)
    {
        if (!MyInvocation.BoundParameters.TryGetValue("ErrorVariable", out var given) || given?.ToString() is not { Length: > 0 } name) return;
        if (name[0] == '+') name = name[1..];
        if (SessionState.PSVariable.GetValue(name) is System.Collections.IList list && !list.IsReadOnly) list.Add(record);
    }

    /// <summary>
    /// True while the cmdlet fails because the caller asked it to fail the step (-ErrorOnViolation,
    /// -ErrorOnDivergence): <see cref="Fail"/> then ends the whole script, as <c>throw</c> or <c>-ErrorAction Stop</c>
    /// do, instead of only the statement, so that <c>pwsh -c "Invoke-ModelCheck ... -ErrorOnViolation; ..."</c> exits
    /// 1 even when more statements follow (PowerShell runs on after a cmdlet's ThrowTerminatingError unless
    /// $ErrorActionPreference is Stop). try/catch still catches it, with the same ErrorRecord.
    /// </summary>
    protected bool FailsTheStep { get; set; }

    /// <summary>True under -WhatIf (given, or $WhatIfPreference): nothing is to change, and what would happen is to be
    /// shown, including what would stop the change.</summary>
    protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given) ? LanguagePrimitives.IsTrue(given) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// -Debug without -Verbose: PowerShell makes a compiled cmdlet's verbose stream Inquire (a script cmdlet's is left
    /// as $VerbosePreference says), so every WriteVerbose, and ShouldProcess's own verbose line, asked "Continue with this
    /// operation?" -- and in a non-interactive CI shell failed the cmdlet with "PowerShell is in NonInteractive mode".
    /// The verbose stream then follows $VerbosePreference, as for a script cmdlet: shown when it is Continue, else not.
    /// </summary>
    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("Debug") && !bound.ContainsKey("Verbose") &&
            LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference) &&
            preference is ActionPreference.Continue or ActionPreference.SilentlyContinue or ActionPreference.Ignore)
        {
            CommandRuntime?.GetType().GetProperty("Verbose", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                ?.SetValue(CommandRuntime, preference == ActionPreference.Continue);
        }
        base.BeginProcessing();
    }

    /// <summary>Writes <paramref name="report"/> to the host as Write-Host does (the information stream, PSHOST).</summary>
    protected void WriteReport(string report) =>
        WriteInformation(new HostInformationMessage { Message = report.TrimEnd(), NoNewLine = false }, new[] { "PSHOST", ReportTag });
}

/// <summary>
/// How <see cref="OpsCmdlet.Fail"/> ends a script when the caller asked the cmdlet to fail the step: the exception
/// PowerShell itself throws when <c>-ErrorAction Stop</c> stops a script (an <see cref="ActionPreferenceStopException"/>),
/// carrying the cmdlet's ErrorRecord, whose exception is the <see cref="OpsCommandException"/> (so
/// <c>catch { exit $_.Exception.ExitCode }</c> and <c>catch [Ops.PowerShell.OpsCommandException]</c> work as for any other
/// error of the module). Not a plain RuntimeException, as a script's <c>throw</c> is: a provider cmdlet upstream
/// (<c>Get-ChildItem *.tla | Invoke-ModelCheck -ErrorOnViolation</c>) catches any other exception that comes back up
/// through its WriteObject and writes it as a non-terminating error of its own, so the script went on and exited 0;
/// an ActionPreferenceStopException it lets through, as it must for <c>$ErrorActionPreference = 'Stop'</c>.
/// </summary>
public sealed class OpsStepFailedException : ActionPreferenceStopException
{
    private readonly ErrorRecord _record;

    internal OpsStepFailedException(ErrorRecord record, InvocationInfo invocation) : base(record.Exception.Message, record.Exception)
    {
        _record = WithInvocation(record, invocation);
        WasThrownFromThrowStatement = true;
    }

    /// <summary>The cmdlet's own record (its error id, category, target and recommended action).</summary>
    public override ErrorRecord ErrorRecord => _record;

    /// <summary>The record names the cmdlet and its place in the script, as the records of ThrowTerminatingError do
    /// (PowerShell sets that only on the records it throws itself); without it the error shows as "InvalidResult: ...".</summary>
    private static ErrorRecord WithInvocation(ErrorRecord record, InvocationInfo invocation)
    {
        var set = typeof(ErrorRecord).GetMethod("SetInvocationInfo", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance,
            null, new[] { typeof(InvocationInfo) }, null);
        try { set?.Invoke(record, new object[] { invocation }); }
        catch (System.Reflection.TargetInvocationException) { /* shown without the command's name */ }
        return record;
    }
}

/// <summary>Runs when the module is imported: from then on the libraries' messages name PowerShell parameters and
/// cmdlets.</summary>
public sealed class OpsModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport() => HostTerms.Default = CommandHost.PowerShell;
}
