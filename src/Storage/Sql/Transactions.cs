using Npgsql;

namespace Gogobe.Storage.Sql;

/// <summary>
/// Runs a unit of work in one transaction on a pooled connection. Imports of stores that share products lock the
/// same product rows; a deadlock or serialization failure is retried a few times before it is reported.
/// </summary>
internal static class Transactions
{
    private const int Attempts = 4;

    public static async Task<T> RunAsync<T>(
        NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (attempt < Attempts && IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }

    private static bool IsTransient(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
