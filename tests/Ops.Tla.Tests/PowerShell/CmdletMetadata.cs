using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>A cmdlet as its compiled metadata declares it (read without loading the assembly: its base types live
/// in System.Management.Automation, which only pwsh provides).</summary>
public sealed record CmdletMeta(string TypeName, string Verb, string Noun, bool SupportsShouldProcess, IReadOnlyList<string> OutputTypes,
    IReadOnlyList<string> Parameters)
{
    public string Name => Verb + "-" + Noun;
}

/// <summary>Reads the cmdlets of an assembly with System.Reflection.Metadata. A cmdlet's parameters include those its
/// base classes in the same assembly declare, as PowerShell sees them.</summary>
public static class CmdletMetadata
{
    public static List<CmdletMeta> Read(string assemblyPath, out List<string> publicTypes)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var provider = new TypeNames(md);
        var result = new List<CmdletMeta>();
        publicTypes = new List<string>();
        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            var typeName = FullName(md, type);
            if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public) publicTypes.Add(typeName);
            string verb = null, noun = null;
            bool shouldProcess = false;
            var outputs = new List<string>();
            foreach (var ah in type.GetCustomAttributes())
            {
                var a = md.GetCustomAttribute(ah);
                var name = AttributeName(md, a);
                if (name == "System.Management.Automation.CmdletAttribute")
                {
                    var v = a.DecodeValue(provider);
                    verb = (string)v.FixedArguments[0].Value;
                    noun = (string)v.FixedArguments[1].Value;
                    shouldProcess = v.NamedArguments.Any(n => n.Name == "SupportsShouldProcess" && n.Value is true);
                }
                else if (name == "System.Management.Automation.OutputTypeAttribute")
                {
                    var v = a.DecodeValue(provider);
                    foreach (var arg in v.FixedArguments)
                    {
                        if (arg.Value is ImmutableArray<CustomAttributeTypedArgument<string>> arr) outputs.AddRange(arr.Select(x => (string)x.Value));
                        else if (arg.Value is string s) outputs.Add(s);
                    }
                }
            }
            if (verb == null) continue;
            // PowerShell binds the [Parameter] properties of the base classes too (e.g. a shared -Connection): walk the
            // base types this assembly defines (PSCmdlet and Cmdlet, in System.Management.Automation, declare none).
            var parameters = new List<string>();
            for (var t = type; ;)
            {
                foreach (var ph in t.GetProperties())
                {
                    var p = md.GetPropertyDefinition(ph);
                    var name = md.GetString(p.Name);
                    if (!parameters.Contains(name) &&
                        p.GetCustomAttributes().Any(ah => AttributeName(md, md.GetCustomAttribute(ah)) == "System.Management.Automation.ParameterAttribute"))
                        parameters.Add(name);
                }
                if (BaseDefinition(md, t.BaseType) is not { } baseType) break;
                t = md.GetTypeDefinition(baseType);
            }
            result.Add(new CmdletMeta(typeName, verb, noun, shouldProcess, outputs, parameters));
        }
        return result;
    }

    /// <summary>The base type when this assembly defines it: a plain class, or a generic one instantiated
    /// (the domains' cmdlets derive from DomainCmdlet&lt;TConfig, TObserved, TReport&gt;); null otherwise.</summary>
    private static TypeDefinitionHandle? BaseDefinition(MetadataReader md, EntityHandle baseType)
    {
        if (baseType.Kind == HandleKind.TypeDefinition) return (TypeDefinitionHandle)baseType;
        if (baseType.Kind != HandleKind.TypeSpecification) return null;
        // A generic instantiation's signature: GENERICINST (0x15), CLASS (0x12), then the generic type as a TypeDefOrRef.
        var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)baseType).Signature);
        if (blob.ReadByte() != 0x15 || blob.ReadByte() != 0x12) return null;
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)generic : null;
    }

    private static string FullName(MetadataReader md, TypeDefinition t)
    {
        var ns = md.GetString(t.Namespace);
        var name = md.GetString(t.Name);
        if (t.GetDeclaringType() is { IsNil: false } outer) return FullName(md, md.GetTypeDefinition(outer)) + "+" + name;
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string AttributeName(MetadataReader md, CustomAttribute a)
    {
        switch (a.Constructor.Kind)
        {
            case HandleKind.MethodDefinition:
                var def = md.GetMethodDefinition((MethodDefinitionHandle)a.Constructor);
                return FullName(md, md.GetTypeDefinition(def.GetDeclaringType()));
            case HandleKind.MemberReference:
                var mr = md.GetMemberReference((MemberReferenceHandle)a.Constructor);
                if (mr.Parent.Kind == HandleKind.TypeReference)
                {
                    var tr = md.GetTypeReference((TypeReferenceHandle)mr.Parent);
                    return md.GetString(tr.Namespace) + "." + md.GetString(tr.Name);
                }
                if (mr.Parent.Kind == HandleKind.TypeDefinition) return FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)mr.Parent));
                return "";
            default:
                return "";
        }
    }

    /// <summary>Decodes attribute arguments with types as their full names.</summary>
    private sealed class TypeNames : ICustomAttributeTypeProvider<string>
    {
        private readonly MetadataReader _md;
        public TypeNames(MetadataReader md) => _md = md;
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSystemType() => "System.Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, reader.GetTypeDefinition(handle));
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var tr = reader.GetTypeReference(handle);
            return reader.GetString(tr.Namespace) + "." + reader.GetString(tr.Name);
        }
        public string GetTypeFromSerializedName(string name) => name.Split(',')[0];
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "System.Type";
    }
}
