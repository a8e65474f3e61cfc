using Microsoft.Data.Sqlite;

namespace Berth.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode with synchronous=FULL, so that a committed transaction survives a crash or power loss.
/// Every change is one <c>BEGIN IMMEDIATE</c> transaction; readers never block the writer. The schema is versioned by
/// <c>PRAGMA user_version</c>: migration <c>i</c> takes the file from version <c>i</c> to <c>i + 1</c>, and migrations
/// are only ever appended.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    private SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the database and brings its schema up to date.</summary>
    public static SqliteDatabase Open(string path, IReadOnlyList<string> migrations)
    {
        var database = new SqliteDatabase(path);
        using var connection = database.OpenConnection();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction();
        long version = Scalar(connection, transaction, "PRAGMA user_version;");
        if (version > migrations.Count)
        {
            throw new Core.Errors.FailedPreconditionException(
                $"{path} has schema version {version}, newer than this berth knows ({migrations.Count}): use a newer berth, or a fresh root");
        }

        for (long i = version; i < migrations.Count; i++)
        {
            Execute(connection, transaction, migrations[(int)i]);
        }

        Execute(connection, transaction, $"PRAGMA user_version = {migrations.Count};");
        transaction.Commit();
        return database;
    }

    /// <summary>A pooled connection with the per-connection settings applied.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
        return connection;
    }

    /// <summary>Runs <paramref name="read"/> on a connection, outside any write transaction.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    /// <summary>Runs <paramref name="change"/> in one immediate transaction, committed when it returns.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> change)
    {
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = change(connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>Runs <paramref name="change"/> in one immediate transaction.</summary>
    public void Write(Action<SqliteConnection, SqliteTransaction> change)
        => Write<bool>((connection, transaction) =>
        {
            change(connection, transaction);
            return true;
        });

    /// <summary>A command with positional-free, named parameters: <c>Command(c, t, "… $id", ("$id", id))</c>.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Executes a statement, returning the rows changed.</summary>
    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Executes a query returning one integer (0 when no row).</summary>
    public static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is long value ? value : 0;
    }
}
