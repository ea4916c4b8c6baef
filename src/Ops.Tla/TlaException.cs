using Ops.Tla.Syntax;

namespace Ops.Tla;

/// <summary>What went wrong, and so which exit code TLC would give (see <see cref="ExitStatus"/>).</summary>
public enum ErrorKind
{
    /// <summary>Lexical or grammatical error in a .tla file (exit 150).</summary>
    Syntax,
    /// <summary>Unknown module or operator, wrong arity, bad INSTANCE (exit 150).</summary>
    Semantic,
    /// <summary>Malformed or inconsistent .cfg file (exit 151).</summary>
    Config,
    /// <summary>An expression could not be evaluated (exit 75).</summary>
    Eval,
    /// <summary>Assert(FALSE, ...) from the TLC module (exit 14).</summary>
    Assert,
    /// <summary>A language feature the checker does not support yet (exit 255).</summary>
    Unsupported,
    /// <summary>A formula TLC itself refuses by design, with its own message (its liveness checker cannot handle the
    /// temporal formula, EC.TLC_LIVE_CANNOT_HANDLE_FORMULA and friends): TLC's documented behaviour, exit 255.</summary>
    TlcRefused,
    /// <summary>Anything else (exit 255).</summary>
    System,
}

/// <summary>An error a user caused and can fix: it carries where (file:line:column) and what.</summary>
public class TlaException : Exception
{
    public ErrorKind Kind { get; }
    public SourceSpan Span { get; }
    public TlaException(ErrorKind kind, SourceSpan span, string message) : base(message)
    {
        Kind = kind;
        Span = span;
    }
    public TlaException(ErrorKind kind, string message) : this(kind, SourceSpan.None, message) { }

    public bool HasLocation => Span.Line > 0;

    /// <summary>TLC's exit code when it is not the one of <see cref="Kind"/> (an error TLC reports while checking
    /// safety, 76, or liveness, 77; one it reports as a general error, 255).</summary>
    public ExitStatus? ExitCode { get; init; }

    /// <summary>TLC fails this way while it reads the configuration (SpecProcessor), before its search starts: it
    /// prints no figures ("N states generated ...") after the message.</summary>
    public bool BeforeSearch { get; init; }

    /// <summary>See <see cref="Ops.Tla.Values.ValueException.TlcEvalError"/>.</summary>
    public bool TlcEvalError { get; init; }

    /// <summary>TLC raises this error through Assert.fail (a TLCRuntimeException with its own error code, as MethodValue
    /// wraps a Java override's failure): where TLC's top level catches it (a constant part of a temporal property,
    /// evaluated before the search), MP prints the message alone, without the frame of an unexpected exception.</summary>
    public bool TlcRuntime { get; init; }

    /// <summary>A successor the next-state action left incompletely specified: its variables' values, the unassigned
    /// ones <see cref="Values.ModelValue.Null"/> (TLC ends the trace with it, printing them as null).</summary>
    public Values.Value[] IncompleteSuccessor { get; init; }

    /// <summary>The status a check ends with for this error.</summary>
    public ExitStatus Status => ExitCode ?? ExitStatuses.For(Kind);

    /// <summary>A PlusCal translation error in pcal.trans's words: the message its PcalDebug.reportError prints after
    /// " -- " (TLC prints it while it validates the algorithm of each module it parses). Null when Ops has no
    /// pcal.trans wording for the error.</summary>
    public string PcalText { get; init; }

    /// <summary>A PlusCal error TLC's validation meets before parsing the algorithm (pcal's uncomment pass: an
    /// unterminated string): TLC then fails the parse of the whole module (exit 150), not only the translation.</summary>
    public bool PcalFatal { get; init; }

    /// <summary>The process exit code for this error (<see cref="Status"/> as a number).</summary>
    public int Exit => (int)Status;

    /// <summary>"file:line:col: message" when the location is known, else the message.</summary>
    public string Describe() => HasLocation ? $"{Span.File}:{Span.Line}:{Span.Col}: {Message}" : Message;
}
