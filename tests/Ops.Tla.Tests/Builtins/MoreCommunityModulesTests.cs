using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class MoreCommunityModulesTests : BuiltinTestBase
{
    private static long N(Value v) => ((IntValue)v).V;
    private static readonly OperatorValue Eq = Op("=", 2, a => B(a[0].Equals(a[1])));
    private static readonly OperatorValue Lt = Op("<", 2, a => B(N(a[0]) < N(a[1])));
    private static readonly OperatorValue Le = Op("<=", 2, a => B(N(a[0]) <= N(a[1])));
    private static readonly OperatorValue Plus = Op("+", 2, a => I(N(a[0]) + N(a[1])));
    private static readonly OperatorValue Concat = Op("\\o", 2, a => Tup(((FcnValue)a[0]).Vals.Concat(((FcnValue)a[1]).Vals).ToArray()));
    private static readonly OperatorValue First = Op("Min", 1, a => ((SetBase)a[0]).Elements.First());

    /// <summary>[p \in S \X S |-&gt; test(p[1], p[2])]</summary>
    private static FcnValue Rel(long[] s, Func<long, long, bool> test)
    {
        var keys = new List<Value>();
        var vals = new List<Value>();
        foreach (var x in s)
            foreach (var y in s)
            {
                keys.Add(Tup(x, y));
                vals.Add(B(test(x, y)));
            }
        return FcnValue.FromPairs(keys, vals);
    }

    [Fact]
    public void Relation_properties()
    {
        var s = Set(1, 2, 3);
        Assert.Equal(B(true), Call("Relation", "IsReflexiveUnder", Eq, s));
        Assert.Equal(B(false), Call("Relation", "IsReflexiveUnder", Lt, s));
        Assert.Equal(B(true), Call("Relation", "IsIrreflexiveUnder", Lt, s));
        Assert.Equal(B(true), Call("Relation", "IsSymmetricUnder", Eq, s));
        Assert.Equal(B(false), Call("Relation", "IsSymmetricUnder", Lt, s));
        Assert.Equal(B(true), Call("Relation", "IsAntiSymmetricUnder", Le, s));
        Assert.Equal(B(true), Call("Relation", "IsAsymmetricUnder", Lt, s));
        Assert.Equal(B(false), Call("Relation", "IsAsymmetricUnder", Le, s));
        Assert.Equal(B(true), Call("Relation", "IsTransitiveUnder", Lt, s));
        Assert.Equal(B(true), Call("Relation", "IsStrictlyPartiallyOrderedUnder", Lt, s));
        Assert.Equal(B(false), Call("Relation", "IsStrictlyPartiallyOrderedUnder", Le, s));
        Assert.Equal(B(true), Call("Relation", "IsPartiallyOrderedUnder", Le, s));
        Assert.Equal(B(true), Call("Relation", "IsStrictlyTotallyOrderedUnder", Lt, s));
        Assert.Equal(B(true), Call("Relation", "IsTotallyOrderedUnder", Le, s));
        Assert.Equal(B(false), Call("Relation", "IsTotallyOrderedUnder", Eq, s));
        var lt = Rel(new long[] { 1, 2, 3 }, (x, y) => x < y);
        Assert.Equal(B(true), Call("Relation", "IsTransitive", lt, s));
        Assert.Equal(B(true), Call("Relation", "IsStrictlyTotallyOrdered", lt, s));
        Assert.StartsWith("Attempted to apply function", Error("Relation", "IsReflexive", lt, Set(4)));
    }

    [Fact]
    public void Relation_closures()
    {
        var s = Set(1, 2, 3);
        var succ = Rel(new long[] { 1, 2, 3 }, (x, y) => y == x + 1);
        var tc = (FcnValue)Call("Relation", "TransitiveClosure", succ, s);
        Assert.Equal(9, tc.Size);
        Assert.Equal(B(true), tc.Apply(Tup(1, 3)));
        Assert.Equal(B(false), tc.Apply(Tup(3, 1)));
        Assert.Equal(B(false), tc.Apply(Tup(1, 1)));
        var rtc = (FcnValue)Call("Relation", "ReflexiveTransitiveClosure", succ, s);
        Assert.Equal(B(true), rtc.Apply(Tup(1, 1)));
        Assert.Equal(B(false), Call("Relation", "IsConnected", succ, s));
        var sym = Rel(new long[] { 1, 2, 3 }, (x, y) => Math.Abs(x - y) == 1);
        Assert.Equal(B(true), Call("Relation", "IsConnected", sym, s));
    }

    [Fact]
    public void Bitwise_operators()
    {
        Assert.Equal(I(8), Call("Bitwise", "&", I(12), I(10)));
        Assert.Equal(I(14), Call("Bitwise", "|", I(12), I(10)));
        Assert.Equal(I(6), Call("Bitwise", "^^", I(12), I(10)));
        Assert.Equal(I(2), Call("Bitwise", "Not", I(5)));
        Assert.Equal(I(0), Call("Bitwise", "Not", I(0)));
        Assert.Equal(I(4), Call("Bitwise", "shiftR", I(16), I(2)));
        Assert.Equal(I(15), Call("Bitwise", "shiftR", I(-1), I(28)));
        // Java masks the shift distance to 5 bits.
        Assert.Equal(I(16), Call("Bitwise", "shiftR", I(16), I(32)));
        Assert.StartsWith("The first argument of & should be a natural number", Error("Bitwise", "&", I(-1), I(2)));
    }

    [Fact]
    public void Combinatorics()
    {
        var fact = (FcnBase)Call("Combinatorics", "factorial");
        Assert.Equal(I(1), fact.Apply(I(0)));
        Assert.Equal(I(120), fact.Apply(I(5)));
        Assert.Null(fact.Apply(I(-1)));
        // TLC's integers are 32-bit: 12! is the largest factorial, 13! is TLC's overflow of n * factorial[n-1].
        Assert.Equal(I(479001600), fact.Apply(I(12)));
        Assert.Equal("Overflow when computing 13*479001600", Assert.Throws<ValueException>(() => fact.Apply(I(13))).Message);
        Assert.Equal(I(10), Call("Combinatorics", "choose", I(5), I(2)));
        Assert.Equal(I(1), Call("Combinatorics", "choose", I(5), I(0)));
        Assert.Equal(I(0), Call("Combinatorics", "choose", I(2), I(5)));
        Assert.Equal("Overflow when computing 40choose20", Error("Combinatorics", "choose", I(40), I(20)));
        Assert.StartsWith("The first argument of choose should be a natural number", Error("Combinatorics", "choose", I(-1), I(2)));
        Assert.NotNull(Resolve("Combinatorics", "+"));
    }

    [Fact]
    public void DyadicRationals()
    {
        var one = Call("DyadicRationals", "One");
        Assert.Equal("[den |-> 1, num |-> 0]", Str("DyadicRationals", "Zero"));
        var half = Call("DyadicRationals", "Half", one);
        Assert.Equal("[den |-> 2, num |-> 1]", half.ToString());
        Assert.Equal(one, Call("DyadicRationals", "Add", half, half));
        var quarter = Call("DyadicRationals", "Half", half);
        Assert.Equal("[den |-> 4, num |-> 3]", Str("DyadicRationals", "Add", half, quarter));
        Assert.Equal(S("1/4"), Call("DyadicRationals", "PrettyPrint", quarter));
        Assert.Equal(S("0"), Call("DyadicRationals", "PrettyPrint", Call("DyadicRationals", "Zero")));
        Assert.Equal(S("1"), Call("DyadicRationals", "PrettyPrint", one));
        Assert.Equal(B(true), Call("DyadicRationals", "IsDyadicRational", quarter));
        Assert.Equal(B(false), Call("DyadicRationals", "IsDyadicRational", Rec(("num", I(1)), ("den", I(3)))));
    }

    [Fact]
    public void BagsExt()
    {
        var bag = Fcn((I(1), I(2)), (I(2), I(1)), (I(3), I(3)));
        Assert.Equal(I(13), Call("BagsExt", "FoldBag", Plus, I(0), bag));
        Assert.Equal(I(13), Call("BagsExt", "SumBag", bag));
        Assert.Equal(I(54), Call("BagsExt", "ProductBag", bag));
        Assert.Equal(I(6), Call("BagsExt", "MapThenFoldBag", Plus, I(0), Op("One", 1, _ => I(1)), First, bag));
        Assert.Equal("<<1, 1, 2, 3, 3, 3>>", Str("BagsExt", "MapThenFoldBag", Concat, Tup(), Op("Wrap", 1, a => Tup(a[0])), First, bag));
        Assert.Equal("<<2, 2, 3>>", Str("BagsExt", "BagAdd", bag, I(2)));
        Assert.Equal("<<2, 1, 3, 1>>", Str("BagsExt", "BagAdd", bag, I(4)));
        Assert.Equal("(1 :> 2 @@ 3 :> 3)", Str("BagsExt", "BagRemove", bag, I(2)));
        Assert.Equal("<<1, 1, 3>>", Str("BagsExt", "BagRemove", bag, I(1)));
        Assert.Equal(bag, Call("BagsExt", "BagRemove", bag, I(7)));
        Assert.Equal("<<2, 1>>", Str("BagsExt", "BagRemoveAll", bag, I(3)));
        Assert.StartsWith("The third argument of FoldBag should be a bag", Error("BagsExt", "FoldBag", Plus, I(0), Fcn((I(1), I(0)))));
    }

    [Fact]
    public void Statistics_chi_square()
    {
        Assert.Equal(B(true), Call("Statistics", "ChiSquare", Tup(10, 10), Tup(10, 10), S("0.05")));
        Assert.Equal(B(false), Call("Statistics", "ChiSquare", Tup(10, 10), Tup(20, 0), S("0.05")));
        // Statistic 4 with one degree of freedom: p = 0.0455.
        Assert.Equal(B(false), Call("Statistics", "ChiSquare", Tup(50, 50), Tup(60, 40), S("0.05")));
        Assert.Equal(B(true), Call("Statistics", "ChiSquare", Tup(50, 50), Tup(60, 40), S("0.01")));
        // Expected counts are rescaled to the observed total.
        Assert.Equal(B(true), Call("Statistics", "ChiSquare", Tup(1, 1), Tup(50, 50), S("0.05")));
        Assert.StartsWith("The third argument of ChiSquare should be a StringValue", Error("Statistics", "ChiSquare", Tup(1, 1), Tup(1, 1), I(0)));
    }

    [Fact]
    public void Csv_files()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "out.csv");
            Assert.Equal(I(0), Call("CSV", "CSVRecords", S(file)));
            Assert.Equal(Tup(), Call("CSV", "CSVRead", Tup(S("a")), S("#"), S(file)));
            Assert.Equal(B(true), Call("CSV", "CSVWrite", S("%1$s#%2$s#%3$s"), Tup(S("abc"), I(42), Set(S("x"), S("y"))), S(file)));
            Assert.Equal("\"abc\"#42#{\"x\", \"y\"}" + Environment.NewLine, File.ReadAllText(file));
            Call("CSV", "CSVWrite", S("%s#%s#%s"), Tup(1, 2, 3), S(file));
            Assert.Equal(I(2), Call("CSV", "CSVRecords", S(file)));
            Assert.Equal("<<[a |-> \"\\\"abc\\\"\", b |-> \"42\", c |-> \"{\\\"x\\\", \\\"y\\\"}\"], [a |-> \"1\", b |-> \"2\", c |-> \"3\"]>>",
                Str("CSV", "CSVRead", Tup(S("a"), S("b"), S("c")), S("#"), S(file)));
            var rec = Path.Combine(dir, "rec.csv");
            Call("CSV", "CSVWriteRecord", Rec(("name", S("Al")), ("age", I(3))), S(","), B(true), S(rec));
            Call("CSV", "CSVWriteRecord", Rec(("name", S("Bo")), ("age", I(4))), S(","), B(false), S(rec));
            Assert.Equal($"age,name{Environment.NewLine}3,\"Al\"{Environment.NewLine}4,\"Bo\"{Environment.NewLine}", File.ReadAllText(rec));
            Assert.Contains("%d", Error("CSV", "CSVWrite", S("%d"), Tup(1), S(file)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
