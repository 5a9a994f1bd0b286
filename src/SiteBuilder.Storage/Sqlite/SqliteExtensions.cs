using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SiteBuilder.Storage.Sqlite;

/// <summary>Small helpers that keep store code to its SQL.</summary>
public static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.WithParameters(parameters);
    }

    /// <summary>Replaces the command's parameters (null as SQL NULL), so a prepared command can run again with new values.</summary>
    public static SqliteCommand WithParameters(this SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Timestamps are stored as ISO 8601 UTC text, which sorts in time order.</summary>
    public static string ToSortable(this DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTimestamp(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadNullableTimestamp(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.ReadTimestamp(ordinal);

    public static string? ReadNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
