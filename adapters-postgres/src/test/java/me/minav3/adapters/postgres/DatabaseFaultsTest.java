package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.StorageFailure;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which database faults a caller may retry (StorageFailure), which are bad input, and which stay bugs. */
class DatabaseFaultsTest {

    private static void fail(String sqlState, String message) {
        Database.call(() -> {
            throw new UnableToExecuteStatementException(new SQLException(message, sqlState), null);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            08006 | An I/O error occurred while sending to the backend.
            57P01 | ERROR: terminating connection due to administrator command
            53300 | FATAL: sorry, too many clients already
            40001 | ERROR: could not serialize access due to concurrent update
            40P01 | ERROR: deadlock detected
            XX000 | ERROR: new multixact has more than one updating member: 0 3[2792 (keysh), 2810 (nokeyupd), 2817 (nokeyupd)]
            """)
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
