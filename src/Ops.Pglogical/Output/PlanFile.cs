using System.Text.Json;
using System.Text.Json.Serialization;
using Ops.Pglogical.Planning;

namespace Ops.Pglogical.Output;

/// <summary>
/// A replication plan saved to a file and read back (<c>ops pglogical plan --save FILE</c>, then <c>check --plan FILE</c>
/// and <c>apply --plan FILE</c>): the inventory it was made from, the options (selection and rules), the items, problems,
/// warnings and what it creates, as JSON. No secret is saved: a node DSN's password is written masked, so a saved plan
/// that creates a node with a password in its DSN cannot be applied (it says so as a problem).
/// </summary>
public static class PlanFile
{
    private static readonly JsonSerializerOptions Options = new(PlanText.Json) { Converters = { new PatternConverter() } };

    /// <summary>How a saved plan is made, in the words of the front end that reads it.</summary>
    private static string WriteOne => "write one with: " + Flags.SavePlan;

    public static string Save(ReplicationPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>Reads a saved plan (<paramref name="source"/> names it in errors).</summary>
    public static ReplicationPlan Load(string json, string source)
    {
        ReplicationPlan plan;
        try
        {
            plan = JsonSerializer.Deserialize<ReplicationPlan>(json, Options);
        }
        catch (Exception e) when (e is JsonException or PglogicalException)
        {
            throw new PglogicalException("plan-file", $"{source} is not a saved plan: {e.Message}", WriteOne);
        }
        if (plan?.Inventory == null || plan.Options == null)
            throw new PglogicalException("plan-file", $"{source} is not a saved plan (it has no inventory or options)", WriteOne);
        if (plan.CreateNodeName != null)
        {
            if (plan.CreateNodeDsnDisplay != null && plan.CreateNodeDsnDisplay.Contains(Connection.PgConnectionSettings.Masked, StringComparison.Ordinal))
                plan.Problems.Add(new PlanProblem
                {
                    Code = "saved-secret", Object = plan.CreateNodeName,
                    Problem = $"the saved plan creates the node {plan.CreateNodeName}, but the password of its DSN was not saved",
                    Fix = $"plan again with {Flags.CreateNode} and {Flags.NodeDsn} (the password is never written to a file)",
                });
            else plan.CreateNodeDsn = plan.CreateNodeDsnDisplay;
        }
        return plan;
    }

    /// <summary>A pattern as the text it was written as.</summary>
    private sealed class PatternConverter : JsonConverter<NamePattern>
    {
        public override NamePattern Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => NamePattern.Parse(reader.GetString());
        public override void Write(Utf8JsonWriter writer, NamePattern value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
    }
}
