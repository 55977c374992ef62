using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Schakel.Consultation.Attachments;

/// <summary>
/// The bytes of attachments, in a table of their own next to the question streams
/// (docs/adr/0012). Written in the unit of work that appends the attachment's event, so the two
/// are stored together or not at all; read by attachment and question id together.
/// </summary>
public static class AttachmentContents
{
    public const string TableName = "attachment_contents";

    /// <summary>The table, created and kept up to date by Marten's schema management with the rest of the module.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("attachment_id").AsPrimaryKey();
        table.AddColumn<Guid>("question_id").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("stored_at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_question_id") { Columns = ["question_id"] });
        return table;
    }

    /// <summary>Queues the insert in the session's unit of work: it commits with the events appended in the same session.</summary>
    public static void Store(IDocumentSession session, Guid attachmentId, Guid questionId, byte[] content, DateTimeOffset at) =>
        session.QueueSqlCommand(
            $"insert into {ConsultationModule.Schema}.{TableName} (attachment_id, question_id, content, stored_at) values (?, ?, ?, ?)",
            attachmentId, questionId, content, at.ToUniversalTime());

    /// <summary>The bytes of one attachment of one question, or null when that question has no such attachment.</summary>
    public static async Task<byte[]?> ReadAsync(IQuerySession session, Guid attachmentId, Guid questionId, CancellationToken ct)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select content from {ConsultationModule.Schema}.{TableName} where attachment_id = @attachment and question_id = @question", connection);
        command.Parameters.AddWithValue("attachment", attachmentId);
        command.Parameters.AddWithValue("question", questionId);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as byte[];
    }
}
