using Ops.Tla.Values;

namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// TLC's 64-bit state fingerprints (FP64): a Rabin fingerprint of the bytes TLC writes for each value, modulo one of
/// TLC's irreducible polynomials (TLC's <c>-fp N</c> picks the polynomial; without it TLC picks one at random per run).
/// The liveness checker needs them because TLC's behaviour graph orders each state's successors by these fingerprints
/// (a hash set of the successors), and that order decides which lasso TLC reports.
/// </summary>
public sealed class TlcFingerprint
{
    /// <summary>TLC's table of irreducible polynomials (FP64.Polys), indexed by <c>-fp</c>.</summary>
    public static readonly ulong[] Polynomials =
    {
        0x911498AE0E66BAD6UL, 0xda8a0ba66dae0181UL, 0xc02f176b8f268d9fUL, 0xd617bb1220fc7812UL, 0xc6fd951ad34f9f74UL, 0xdd1897bd991704d4UL,
        0xf5394c541cbfd343UL, 0xb1dded37b5c7b8f7UL, 0xb713ff61039dc632UL, 0xdfb340cb2fb03d43UL, 0xbc3e7e4c5ecb76a3UL, 0xdbb4b1349cd7058aUL,
        0xf53e9dcb9e915cdfUL, 0xca5f58e90dd01848UL, 0x80e7ff4406891aa1UL, 0xab541bf881fa8571UL, 0xbf274e07ac5499d5UL, 0x939b1ea933040a4eUL,
        0xb791a595448d75b1UL, 0x8bf88d6ef85563a2UL, 0xecb33ec339513a53UL, 0xfa2d3e722db5208aUL, 0xb4e2058aac479d24UL, 0xafbd6474e7213b82UL,
        0x98c1694d14ffaeefUL, 0xe188fb5c0a125e24UL, 0xfa71cc3865487d80UL, 0x891135f7c1c94569UL, 0xcf77cdd16d22e3e6UL, 0xeb5e3a1d2e2bb4b5UL,
        0x92f7f5b69cd00c55UL, 0xa9fbbe40ca3b9ae9UL, 0x84a7b33d85295bdeUL, 0xebd4680dbb6fdee2UL, 0xa31fc46a0583b4d0UL, 0xa792c94f15de3e49UL,
        0xd9d60a9feff4521aUL, 0x9227ba31dfdda04bUL, 0xfb4c89c607ce162dUL, 0xa89b3b2e01479cc0UL, 0xb35a0c2a28b89f7dUL, 0x91d0b700b99d9ec2UL,
        0xf0646bbda05020b0UL, 0xcb5d5f63ce043056UL, 0xd276b6a04f42a1b8UL, 0xbc1a7a7dbfeb47a3UL, 0xe138acff7a963036UL, 0xed860223c1557ee7UL,
        0x9b2491e980150ab6UL, 0xe7e03dd8a5b4e59eUL, 0xaaa3f5eac516783cUL, 0xfe78cc267a724180UL, 0xc22519a21edfac64UL, 0xcdb2941933fec60fUL,
        0xc5f485551ef38aa1UL, 0xa19293d250bd3335UL, 0xa4d4c215a50b7afeUL, 0xc1155176406a5070UL, 0xecadaa8200e123ecUL, 0xbacfe629d58b2f08UL,
        0xded991082148cb42UL, 0x9a0ccbe5deaa88dbUL, 0x9a83246f342061bbUL, 0xb71482842297ab05UL, 0xf2407eeb997592bdUL, 0xb7b43d4b5c4c4bccUL,
        0xb339a2568221ffe7UL, 0xdb4b6b379446ef9eUL, 0xe43c205bb5c0b2b6UL, 0xe8e1d141f19d6db0UL, 0xd19e8710a4ea1c86UL, 0x9704cecfa8d6d07bUL,
        0xb0a35716162c3f26UL, 0xa2a68c0cf56390acUL, 0xe4a74bc601c95b46UL, 0xe668fff675595e56UL, 0xe0ea77ebe06fabbbUL, 0xa8bb94f585279523UL,
        0xbeb667b42b684f21UL, 0xd7b65410189e28afUL, 0x85722037beffc5b9UL, 0xe7e7c5f773426204UL, 0xa5fd0cc8e060c6f4UL, 0xb8f91ee9065dcf95UL,
        0xb4047008040f8b50UL, 0xecb9ab6291c8cfccUL, 0xe08bb9b70caad6dfUL, 0xd6e086a301d95d56UL, 0xf6a808f5f3fb9da3UL, 0xfa74b8a8ef86fbc5UL,
        0xa0b6b33ba9e6381cUL, 0x8c78703427873dbbUL, 0xc5516ea423011021UL, 0xb075cce8528ae7e2UL, 0x92e4a37979e2b13bUL, 0xafc9ab000ed81026UL,
        0xf1873f2a861a518aUL, 0xf885d6b35770192cUL, 0xd2a82f27f71f5f7eUL, 0xd5e7a4dd8beb2d9fUL, 0xbab9e7e65dc23e0fUL, 0xd5fc877c0bdf5b85UL,
        0xab428169b9f31c02UL, 0xb7b1351f9266d3eaUL, 0xfad564914328f635UL, 0x9623ecb1000db9bdUL, 0x88d371ec6644c892UL, 0xd0a71270573e271cUL,
        0xbd200d763f9d81b4UL, 0x8484fd96374bf2eaUL, 0xe0d0810749432294UL, 0x8ebe9dadc88658baUL, 0xf6268c58993ae542UL, 0xd6cc88fed0d359c9UL,
        0xbcaddb8d40a16690UL, 0x92817c6db421cbf6UL, 0xac63721120a371b5UL, 0xd6cc137fdced0820UL, 0xf1c5fbaebb617bd7UL, 0xac35d78c765237a5UL,
        0xbd0a471fa9a23116UL, 0x943a7031b946a5aeUL, 0xe4e83520cb1aaebbUL, 0xe92a4b73246dd124UL, 0xafc1e070787c4c86UL, 0xdfe84d42cf06286bUL,
        0x8b29ec962e4b964bUL, 0x807eb5de812ede0fUL, 0xa3cd71299c8b3bfdUL, 0x845b8031ef886f35UL, 0x91f5a5fa9c5515a5UL,
    };

    // TLC's type tags (ValueConstants) that start the bytes of each kind of value.
    private const byte BoolTag = 0, IntTag = 1, StringTag = 3, SetTag = 5, FunctionTag = 9, ModelValueTag = 21;

    private static readonly TlcFingerprint[] Cache = new TlcFingerprint[Polynomials.Length];

    private readonly ulong _poly;
    private readonly ulong[] _byteTable = new ulong[256];

    /// <summary>The fingerprint function of TLC's <c>-fp</c> <paramref name="index"/> (0 to 130).</summary>
    public static TlcFingerprint For(int index)
    {
        if (index < 0 || index >= Polynomials.Length) throw new ArgumentOutOfRangeException(nameof(index), $"TLC's -fp takes a number in 0..{Polynomials.Length - 1}");
        return Cache[index] ??= new TlcFingerprint(Polynomials[index]);
    }

    private TlcFingerprint(ulong poly)
    {
        _poly = poly;
        // Polynomials are stored with x^0 in the most significant bit; multiplying by x is a shift right, reduced by
        // the polynomial when x^63's coefficient falls off. A byte b extends f to f*x^8 + b*x^64 (mod P): the table
        // holds, for each byte, the sum of the powers x^(64+7-k) for its set bits k.
        var powers = new ulong[72];
        ulong t = 1UL << 63;
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = t;
            t = (t >> 1) ^ ((t & 1) != 0 ? _poly : 0);
        }
        for (int b = 0; b < 256; b++)
        {
            ulong v = 0;
            for (int k = 0; k < 8; k++)
                if ((b & (1 << k)) != 0) v ^= powers[127 - 56 - k];
            _byteTable[b] = v;
        }
    }

    private ulong Byte(ulong fp, int b) => (fp >> 8) ^ _byteTable[(b ^ (int)fp) & 0xFF];

    private ulong Int(ulong fp, int x)
    {
        for (int i = 0; i < 4; i++)
        {
            fp = Byte(fp, x & 0xFF);
            x >>>= 8;
        }
        return fp;
    }

    private ulong Chars(ulong fp, string s)
    {
        foreach (var c in s) fp = Byte(fp, c);
        return fp;
    }

    /// <summary>The fingerprint of a state: its variables' values in TLC's order of the variables
    /// (<paramref name="order"/>, SANY's; null: the declaration order).</summary>
    public long OfState(Value[] values, int[] order = null)
    {
        ulong fp = _poly;
        if (order == null) foreach (var v in values) fp = Extend(fp, v);
        else foreach (var i in order) fp = Extend(fp, values[i]);
        return (long)fp;
    }

    /// <summary>The fingerprint of a value alone (TLC's fingerprint of a state through its VIEW).</summary>
    public ulong OfValue(Value v) => Extend(_poly, v);

    /// <summary>Extends <paramref name="fp"/> by a value as TLC does: a tuple, a sequence and a record are functions
    /// (so every representation of the same function gives the same bytes); an interval is the set of its integers.</summary>
    public ulong Extend(ulong fp, Value v)
    {
        switch (v)
        {
            case BoolValue b:
                return Byte(Byte(fp, BoolTag), b.B ? 't' : 'f');
            case IntValue i:
                return Int(Byte(fp, IntTag), (int)i.V);
            case StringValue s:
                return Chars(Int(Byte(fp, StringTag), s.S.Length), s.S);
            case ModelValue m:
                // TLC extends by the intern token of the name (UniqueString.fingerPrint), not by its characters.
                return Int(Byte(fp, ModelValueTag), m.TlcToken);
            case FcnBase f:
            {
                var fcn = f.ToFcn();
                fp = Int(Byte(fp, FunctionTag), fcn.Vals.Length);
                for (int i = 0; i < fcn.Vals.Length; i++)
                {
                    fp = fcn.Keys == null ? Int(Byte(fp, IntTag), i + 1) : Extend(fp, fcn.Keys[i]);
                    fp = Extend(fp, fcn.Vals[i]);
                }
                return fp;
            }
            case SetBase set:
            {
                // A set TLC cannot enumerate fails as its own fingerprint fails (Seq(S): "TLC has found a state in
                // which the value of a variable contains Seq({1})"), not with the enumeration's words.
                if (!set.IsFinite) throw new ValueException(set.NotEnumerableMessage());
                var elems = set.ToEnumerated().Elems;
                fp = Int(Byte(fp, SetTag), elems.Length);
                foreach (var e in elems) fp = Extend(fp, e);
                return fp;
            }
            default:
                throw new ValueException($"the value {v} cannot be fingerprinted as TLC does");
        }
    }
}
