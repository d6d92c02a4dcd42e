package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;
import javax.sql.DataSource;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.StorageFailure;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which database faults a caller may retry (StorageFailure), which are bad input, and which stay bugs: alike on Jdbi
 * and on plain JDBC (decision 053).
 */
class DatabaseFaultsTest {

    private static void fail(String sqlState, String message) {
        Database.call(() -> {
            throw new UnableToExecuteStatementException(new SQLException(message, sqlState), null);
        });
    }

    private static void failOnPlainJdbc(String sqlState, String message) throws SQLException {
        DataSource connections = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        when(connections.getConnection()).thenReturn(connection);
        try {
            Database.withConnection(connections, c -> {
                throw new SQLException(message, sqlState);
            });
        } finally {
            verify(connection).close();
        }
    }

    private static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("08006", "An I/O error occurred while sending to the backend."),
                Arguments.of("57P01", "ERROR: terminating connection due to administrator command"),
                Arguments.of("53300", "FATAL: sorry, too many clients already"),
                Arguments.of("40001", "ERROR: could not serialize access due to concurrent update"),
                Arguments.of("40P01", "ERROR: deadlock detected"),
                Arguments.of(
                        "XX000",
                        "ERROR: new multixact has more than one updating member: 0 3[2792 (keysh), 2810 (nokeyupd)]"));
    }

    @ParameterizedTest
    @MethodSource("transientFaults")
    void transientFaultsOnPlainJdbcAreStorageFailuresAndTheConnectionGoesBack(String sqlState, String message) {
        assertThatThrownBy(() -> failOnPlainJdbc(sqlState, message))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining(sqlState);
    }

    @Test
    void refusedValuesOnPlainJdbcAreInvalidInput() {
        assertThatThrownBy(() -> failOnPlainJdbc("23514", "ERROR: new row violates check constraint"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void otherFaultsOnPlainJdbcAreBugsThatKeepTheirCause() {
        assertThatThrownBy(() -> failOnPlainJdbc("42P01", "ERROR: relation \"public.mega_nothing\" does not exist"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mega_nothing")
                .cause()
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aFullQueueOnPlainJdbcSaysWhenToComeBack() throws SQLException {
        DataSource connections = mock(DataSource.class);
        when(connections.getConnection())
                .thenThrow(new BudgetedDataSource.QueueFull("8 requests are waiting", Duration.ofSeconds(3)));
        assertThatThrownBy(() -> Database.withConnection(connections, c -> "never"))
                .isInstanceOfSatisfying(
                        StorageFailure.class,
                        busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(3)))
                .hasMessageContaining("busy");
    }

    @Test
    void aServerOutOfReachOnPlainJdbcIsAStorageFailure() throws SQLException {
        DataSource connections = mock(DataSource.class);
        when(connections.getConnection()).thenThrow(new SQLException("Connection refused", "08001"));
        assertThatThrownBy(() -> Database.withConnection(connections, c -> "never"))
                .isInstanceOfSatisfying(
                        StorageFailure.class,
                        failure -> assertThat(failure.retryAfter()).isNull())
                .hasMessageContaining("cannot be reached");
    }

    @ParameterizedTest
    @MethodSource("transientFaults")
    void transientFaultsAreStorageFailures(String sqlState, String message) {
        assertThatThrownBy(() -> fail(sqlState, message))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining(sqlState);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            23514 | ERROR: new row violates check constraint
            22001 | ERROR: value too long for type character varying(64)
            """)
    void refusedValuesAreInvalidInput(String sqlState, String message) {
        assertThatThrownBy(() -> fail(sqlState, message)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            XX000 | ERROR: could not open file "base/5/1259": No such file or directory
            42P01 | ERROR: relation "public.mega_nothing" does not exist
            """)
    void otherFaultsStayAsTheyAre(String sqlState, String message) {
        assertThatThrownBy(() -> fail(sqlState, message)).isInstanceOf(UnableToExecuteStatementException.class);
    }
}
