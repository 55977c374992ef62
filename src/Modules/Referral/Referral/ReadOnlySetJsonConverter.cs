using System.Text.Json;
using System.Text.Json.Serialization;

namespace Schakel.Referral;

/// <summary>
/// Reads and writes <see cref="IReadOnlySet{T}"/> as a JSON array. System.Text.Json cannot create
/// an interface set on reading, and the shared agreement terms (<c>AgreementTerms</c>, stored in
/// <c>JoinedAgreement</c>) hold two; without this Marten cannot load a joined agreement.
/// </summary>
public sealed class ReadOnlySetJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return (JsonConverter)Activator.CreateInstance(typeof(SetOf<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class SetOf<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<List<T>>(ref reader, options) ?? []).ToHashSet();

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
    }
}
