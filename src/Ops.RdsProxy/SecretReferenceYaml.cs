using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Ops.RdsProxy;

/// <summary>Reads password: {env: NAME} or {vault: V, secret: S}; a plain scalar (a password in clear) is refused
/// without repeating it.</summary>
internal sealed class SecretReferenceYaml : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(SecretReference);

    public object ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
            throw new ConfigYamlException(scalar.Start, scalar.End,
                "a password must be given as {env: VARIABLE} or {vault: NAME, secret: NAME}; it is never read from the file in clear");
        parser.Consume<MappingStart>();
        var r = new SecretReference();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            var value = parser.Consume<Scalar>();
            switch (key.Value)
            {
                case "env": r.Env = value.Value; break;
                case "vault": r.Vault = value.Value; break;
                case "secret": r.Secret = value.Value; break;
                default: throw new ConfigYamlException(key.Start, key.End, $"unknown key '{key.Value}' in a password reference (env, vault, secret)");
            }
        }
        return r;
    }

    public void WriteYaml(IEmitter emitter, object value, Type type, ObjectSerializer serializer) => throw new NotSupportedException();
}

/// <summary>A problem of the file that Ops itself found while reading it: its message is already in the file's words.</summary>
internal sealed class ConfigYamlException(Mark start, Mark end, string message) : YamlException(start, end, message);
