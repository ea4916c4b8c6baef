using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// TLC's words for the evaluation errors of the language's own operators (tlc2.tool.impl.Tool's evalAppl and the
/// value classes' member, apply and size methods), in one place: the message each caller gives TLC's way (a
/// non-Boolean is worded after the operator that wanted a Boolean: <c>~</c>, <c>/\</c>, IF, CASE, a quantifier, the
/// initial predicate or the next-state relation), what TLC calls each kind of value, the Java class it casts, and the
/// text it appends for the expression (its SemanticNode's toString: the place, or a number's text).
/// </summary>
public static class TlcWords
{
    /// <summary>MP's words before the message of a general error (EC.GENERAL of an exception TLC did not expect).</summary>
    public const string UnexpectedFrame = "TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\n" +
                                          "See the User Output or TLC Console for clues to what happened.\n";

    /// <summary>A general error as MP prints it: the frame, the Java class of the exception (TLC's EvalException for the
    /// errors its evaluator raises, else a RuntimeException), then the message.</summary>
    public static string Unexpected(string message, bool tlcEval) =>
        $"{UnexpectedFrame}The exception was a {(tlcEval ? "tlc2.tool.EvalException" : "java.lang.RuntimeException")}\n: {message}";

    /// <summary>TLC's Value.getKindString: "an integer", "a set of the form {e1, ... ,eN}", ...</summary>
    public static string Kind(Value v) => Describe(v).Kind;

    /// <summary>The Java class TLC holds such a value in (what a failed cast names): tlc2.value.impl.BoolValue, ...</summary>
    public static string JavaClass(Value v) => "tlc2.value.impl." + Describe(v).Java;

    /// <summary>How TLC names a value's kind, and the class it holds the value in.</summary>
    private static (string Kind, string Java) Describe(Value v) => v switch
    {
        BoolValue => ("a Boolean value", "BoolValue"),
        IntValue => ("an integer", "IntValue"),
        StringValue => ("a string", "StringValue"),
        ModelValue => ("a model value", "ModelValue"),
        FcnValue fv when fv.IsTuple && !fv.BuiltAsFunction => ("a tuple", "TupleValue"),
        FcnValue fv when fv.IsTlcRecord => ("a record", "RecordValue"),
        // A constructor over a finite domain is made a FcnRcdValue at once; one TLC keeps lazy is a FcnLambdaValue.
        LazyFcn => ("a function of the form  [x \\in S |-> expr]", "FcnLambdaValue"),
        FcnBase => ("a function  of the form (d1 :> e1 @@ ... @@ dN :> eN)", "FcnRcdValue"),
        IntervalValue => ("a set of the form i..j", "IntervalValue"),
        SubsetValue => ("a set of the form SUBSET S", "SubsetValue"),
        FunctionSetValue => ("a set of the form [S -> T]", "SetOfFcnsValue"),
        RecordSetValue => ("a set of the form [d1 : S1, ... , dN : SN]", "SetOfRcdsValue"),
        CartesianValue => ("a cartesian product", "SetOfTuplesValue"),
        InfiniteSetValue => ("a special set constant", "UserValue"),
        SetBase => ("a set of the form {e1, ... ,eN}", "SetEnumValue"),
        OperatorValue => ("an operator", "OpLambdaValue"),
        _ => ("a value", "Value"),
    };

    /// <summary>"line L, col C to line L, col C of module M": where TLC says the expression is.</summary>
    public static string Place(Term t)
    {
        var s = t.Span;
        return s.Line > 0 ? s.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(s.File)) : "";
    }

    /// <summary>The expression as TLC appends it to a message (SANY's node printed): a number or string written as
    /// such is its text, any other expression its place.</summary>
    public static string Expr(Term t)
    {
        t = CachedTerm.Unwrap(t);
        // SANY's NumeralNode prints its number; a string literal, as any other node, its place.
        if (t is ConstTerm { Literal: true, Value: IntValue n }) return n.ToString();
        return Place(t);
    }

    /// <summary>A message followed by the place of <paramref name="at"/> on its own line (TLC's <c>msg + "\n" + expr</c>).</summary>
    private static string With(string message, Term expr)
    {
        var e = Expr(expr);
        return e.Length == 0 ? message : message + "\n" + e;
    }

    private static TlaException At(Term t, string message) => new(ErrorKind.Eval, t.Span, message);

    /// <summary>A Boolean operand or condition that evaluated to <paramref name="v"/>: TLC's words for the operator
    /// <paramref name="caller"/> (the term that asked for a Boolean), <paramref name="operand"/> the place of the
    /// operand among its operands.</summary>
    public static TlaException NotBoolean(Term caller, Term operandTerm, int operand, Value v)
    {
        switch (caller)
        {
            case NotTerm:
                return At(caller, With($"Attempted to apply the operator ~ to a non-boolean\n({Kind(v)})", caller));
            case AndTerm a when a.IsList:
                return At(operandTerm, With($"A non-boolean expression ({Kind(v)}) was used as a formula in a conjunction.", operandTerm));
            case OrTerm o when o.IsList:
                return At(operandTerm, With($"A non-boolean expression ({Kind(v)}) was used as a formula in a disjunction.", operandTerm));
            case AndTerm a:
                return Infix(caller, a.Items, operand, "/\\", v);
            case OrTerm o:
                return Infix(caller, o.Items, operand, "\\/", v);
            case ImpliesTerm:
                return At(caller, With($"Attempted to evaluate an expression of form P => Q when {(operand == 0 ? "P" : "Q")} was\n{Kind(v)}.", caller));
            case EquivTerm:
                return At(caller, With("Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean.", caller));
            case IfTerm:
                return At(caller, With($"A non-boolean expression ({Kind(v)}) was used as the condition of an IF.", caller));
            case CaseTerm:
                return At(operandTerm, $"A non-boolean expression ({Kind(v)}) was used as a condition of a CASE. {Expr(operandTerm)}");
            case QuantTerm or ChooseTerm:
                return At(operandTerm, NotBooleanValue(Expr(caller)));
            case SetFilterTerm:
                return At(operandTerm, With($"Attempted to evaluate an expression of form {{x \\in S : P(x)}} when P was {Kind(v)}.", operandTerm));
            case ActionBoxTerm box:
                return At(caller, With($"Attempted to evaluate an expression of form {(box.IsAngle ? "<A>_e" : "[A]_e")}, but A was not a boolean.", caller));
        }
        return At(operandTerm, $"expected a Boolean value here, but the expression evaluates to {Term.Show(v)}");
    }

    /// <summary>An infix <c>/\</c> or <c>\/</c> of several operands is TLC's left-nested binary operators: the
    /// operand i &gt; 0 is Q of the application from the first operand to it, the first operand P of the innermost.</summary>
    private static TlaException Infix(Term caller, Term[] items, int i, string op, Value v)
    {
        var first = items[0].Span;
        var last = items[Math.Max(i, 1)].Span;
        var span = first.Line > 0 && last.Line > 0
            ? first with { EndLine = last.EndLine, EndCol = last.EndCol }
            : caller.Span;
        if (i == items.Length - 1 || (i == 0 && items.Length == 2)) span = caller.Span;
        var place = span.Line > 0 ? "\n" + span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(span.File)) : "";
        return new TlaException(ErrorKind.Eval, span, $"Attempted to evaluate an expression of form P {op} Q when {(i == 0 ? "P" : "Q")} was\n{Kind(v)}.{place}");
    }

    /// <summary>A conjunct of the initial predicate or of an action that is not a Boolean (TLC's getInitStates and
    /// getNextStates, which walk those formulas). <paramref name="walked"/>: reached by the walk itself (a number
    /// written there is not an expression TLC's walk evaluates); else evaluated as a predicate once every variable
    /// was assigned.</summary>
    public static TlaException NotBooleanFormula(Term t, Value v, bool init, bool walked)
    {
        var e = Expr(t);
        if (walked && IsLiteral(t))
            return At(t, $"The {(init ? "init" : "next")} state relation is not a boolean expression.\n{e}");
        return At(t, $"In computing {States(init)}, TLC expected a boolean expression,\nbut instead found {Term.Show(v)}.\n{e}");
    }

    private static string States(bool init) => init ? "initial states" : "next states";

    private static bool IsLiteral(Term t)
    {
        return CachedTerm.Unwrap(t) is ConstTerm { Literal: true };
    }

    /// <summary>The condition of an IF the walk of the initial predicate or an action meets.</summary>
    public static TlaException WalkIf(Term ifTerm, Value v, bool init) => init
        ? At(ifTerm, $"In computing initial states, a non-boolean expression ({Kind(v)}) was used as the condition of an IF.\n{Expr(ifTerm)}")
        : At(ifTerm, $"In computing next states, a non-boolean expression ({Kind(v)}) was used as the condition of an IF.{Expr(ifTerm)}");

    /// <summary>A guard of a CASE the walk meets (TLC names the arm's value after it).</summary>
    public static TlaException WalkCaseGuard(Term value, Value v, bool init) =>
        At(value, $"In computing {States(init)}, a non-boolean expression ({Kind(v)}) was used as a guard condition of a CASE.\n{Expr(value)}");

    /// <summary>A CASE the walk meets none of whose conditions holds.</summary>
    public static TlaException WalkCaseNoArm(Term caseTerm, bool init) =>
        At(caseTerm, $"In computing {States(init)}, TLC encountered a CASE with no conditions true.\n{Expr(caseTerm)}");

    /// <summary>The antecedent of an implication the walk meets.</summary>
    public static TlaException WalkImplies(Term implies, Value v, bool init) => init
        ? At(implies, $"In computing initial states of a predicate of form P => Q, P was {Kind(v)}\n.{Expr(implies)}")
        : At(implies, $"In computing next states of a predicate of the form P => Q, P was\n{Kind(v)}.\n{Expr(implies)}");

    /// <summary><c>x \in S</c> assigning x (x' in an action) with S not a set.</summary>
    public static TlaException WalkInNotEnumerable(Term inTerm, bool init) =>
        At(inTerm, $"In computing {States(init)}, the right side of \\IN is not enumerable.\n{Expr(inTerm)}");

    /// <summary>A formula of the initial predicate or an action evaluated as a predicate (<see cref="NotBooleanFormula"/>).</summary>
    public static bool Formula(Term t, EvalState es, Frame f, bool walked)
    {
        var v = t.Eval(es, f);
        if (v is BoolValue b) return b.B;
        throw NotBooleanFormula(t, v, es.InitMode, walked);
    }

    /// <summary>An identifier without a value where it is evaluated: a variable the initial predicate has not
    /// assigned yet, a primed variable the action has not assigned yet.</summary>
    public static string Undefined(string name, Term at) =>
        $"In evaluation, the identifier {name} is either undefined or not an operator.\n{Place(at)}";

    /// <summary>An assumption that is not a Boolean.</summary>
    public static string NotBooleanValue(string place) => $"TLC expected a boolean value, but did not find one. {place}";

    /// <summary><c>e \in S</c> with S not a set: the words of S's own member method.</summary>
    public static string NotASetMember(Value elem, Value notSet)
    {
        var e = Ppr.Format(elem.ToString());
        var s = Ppr.Format(notSet.ToString());
        return notSet switch
        {
            IntValue => $"Attempted to check if the value:\n{e}\nis an element of the integer {s}",
            BoolValue => $"Attempted to check if the value:\n{e}\nis an element of the boolean {s}",
            StringValue => $"Attempted to check if the value:\n{e}\nis an element of the string {s}",
            ModelValue => $"Attempted to check if the value:\n{e}\nis an element of the model value {s}",
            FcnValue fv when fv.IsTuple && !fv.BuiltAsFunction => "Attempted to check set membership in a tuple value.",
            FcnValue fv when fv.IsTlcRecord => $"Attempted to check if element:\n{e}\nis in the record:\n{s}",
            FcnBase => $"Attempted to check if the value:\n{e}\nis an element of the function {s}",
            OperatorValue => $"Attempted to check if the value:\n{e}\nis an element of operator {s}",
            _ => $"Attempted to check if the value:\n{e}\nis an element of {s}",
        };
    }

    /// <summary>DOMAIN of a value that is not a function.</summary>
    public static TlaException DomainOfNonFunction(Term at, Value v) =>
        At(at, With($"Attempted to apply the operator DOMAIN to a non-function\n({Kind(v)})", at));

    /// <summary>A CASE none of whose conditions holds, without OTHER.</summary>
    public static TlaException CaseNoArm(Term at) => At(at, With("Attempted to evaluate a CASE with no conditions true.", at));

    /// <summary>A quantifier, set constructor or function constructor bound that is not a set (TLC's contexts).</summary>
    public static TlaException NonEnumerableBound(Term bound, Value v) =>
        At(bound, $"TLC encountered a non-enumerable quantifier bound\n{Ppr.Format(v.ToString())}.\n{Expr(bound)}");

    /// <summary><c>{x \in S : P}</c> with S not a set (TLC's SetPredValue fails enumerating it).</summary>
    public static TlaException FilterNotEnumerable(Term at, Value v) =>
        At(at, $"Attempted to enumerate {{ x \\in S : p(x) }} when S:\n{Ppr.Format(v.ToString())}\nis not enumerable");

    /// <summary>The domain of a function constructor: a value that is not a set fails when TLC counts it.</summary>
    public static SetBase FcnDomain(Term setTerm, Value v) =>
        v as SetBase ?? throw At(setTerm, SizeOfNonSet(v) ?? $"expected a set here, but the expression evaluates to {Term.Show(v)}");

    /// <summary><c>S \subseteq T</c> with S not enumerable (not a set, or Nat, Int, STRING, Seq(S)).</summary>
    public static TlaException SubseteqNotEnumerable(Term at) =>
        At(at, With("Attempted to evaluate an expression of form S \\subseteq T, but S was not enumerable.", at));

    /// <summary>TLC's words when it asks the size of a value that is not a set (a SUBSET of it, a function
    /// constructor over it); null for a value TLC gives a size.</summary>
    public static string SizeOfNonSet(Value v) => v switch
    {
        IntValue => $"Attempted to compute the number of elements in the integer {v}.",
        BoolValue => $"Attempted to compute the number of elements in the boolean {v}.",
        StringValue => $"Attempted to compute the number of elements in the string {v}.",
        ModelValue => $"Attempted to compute the number of elements in the model value {v}.",
        OperatorValue => $"Attempted to compute the number of elements in the operator {v}.",
        _ => null,
    };

    /// <summary>A set operator (<c>\cup</c>, <c>\cap</c>, <c>\</c>, <c>\subseteq</c>, SUBSET) with an operand that
    /// is not a set. TLC builds such sets lazily and fails when it first enumerates or searches them; the message is
    /// the one it fails with then (an enumerated set or interval does the operation itself, asking the other operand
    /// for membership: "is an element of the integer 3").</summary>
    public static TlaException SetOperand(SetOpTerm at, SetOpTerm.Op op, Value a, Value b)
    {
        static bool Reducible(Value v) => v is SetValue or IntervalValue or UnorderedSetValue;
        string Fmt(Value v) => Ppr.Format(v.ToString());
        string message = null;
        switch (op)
        {
            case SetOpTerm.Op.Cup:
            {
                var (s, t) = !Reducible(a) && Reducible(b) ? (b, a) : (a, b);
                message = $"Attempted to enumerate S \\cup T when S:\n{Fmt(s)}\nand T:\n{Fmt(t)}\nare not both enumerable";
                break;
            }
            case SetOpTerm.Op.Cap or SetOpTerm.Op.Minus or SetOpTerm.Op.Subseteq when a is SetBase { IsFinite: true } sa:
            {
                // The enumerated operand asks the other for each of its elements: the first one fails.
                var first = sa.ToEnumerated().Elems.FirstOrDefault();
                if (first == null) return null;
                message = NotASetMember(first, b);
                break;
            }
            case SetOpTerm.Op.Cap when b is SetBase { IsFinite: true } sb:
            {
                var first = sb.ToEnumerated().Elems.FirstOrDefault();
                if (first == null) return null;
                message = NotASetMember(first, a);
                break;
            }
            case SetOpTerm.Op.Cap:
                message = $"Attempted to enumerate S \\cap T when neither S:\n{Fmt(a)}\nnor T:\n{Fmt(b)}\nis enumerable";
                break;
            case SetOpTerm.Op.Minus when a is not SetBase:
                message = $"Attempted to enumerate S \\ T when S:\n{Fmt(a)}\nis not enumerable.";
                break;
            case SetOpTerm.Op.Subset:
                message = SizeOfNonSet(a);
                break;
        }
        var bad = a is SetBase ? b : a;
        return At(at, message ?? $"expected a set here, but the expression evaluates to {Term.Show(bad)}");
    }

    /// <summary>One of TLC's Java overrides whose parameters are IntValue (Naturals' and Integers' + - * ^ % \div ..
    /// and -.) called with a value of another kind: the call fails casting it.</summary>
    public static string CannotCast(Value v, string to = "IntValue") => $"Cannot cast {JavaClass(v)} to tlc2.value.impl.{to}";
}
