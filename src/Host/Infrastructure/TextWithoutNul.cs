using System.Text.Json;
using System.Text.Json.Serialization;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// Reads every JSON string of a request, refusing one with a NUL character (\u0000): no person types
/// it, and PostgreSQL can store it neither in text nor in jsonb, so it would fail only at the commit,
/// as our 500. Refused here it is the caller's 400 on the field (see <see cref="ErrorHandling"/>).
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // The message-less exception makes System.Text.Json name the field, as for any value of the wrong kind.
            throw new JsonException();
        }

        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException() : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
