package me.minav3.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A statement written with {@code :name} parameters, parsed once into JDBC's {@code ?} form, for the statements that
 * run on plain JDBC (decision 053). Binding sets every position of a name with the setter of its type, without
 * Jdbi's per-call parsing and argument lookup; a statement with a parameter left unbound is refused before it runs.
 *
 * <p>Quoted text and identifiers are copied as they are, and {@code ::} is a cast. A bare {@code ?} is refused: it
 * would be JDBC's placeholder, not jsonb's operator (use {@code jsonb_exists}).
 */
final class NamedSql {

    private final String jdbc;
    /** Each parameter's name once, in the order of first use. */
    private final String[] names;
    /** The JDBC positions (from 1) of {@code names[i]}. */
    private final int[][] positions;

    private NamedSql(String jdbc, List<String> occurrences) {
        this.jdbc = jdbc;
        this.names = occurrences.stream().distinct().toArray(String[]::new);
        this.positions = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            positions[i] = java.util.stream.IntStream.range(0, occurrences.size())
                    .filter(p -> occurrences.get(p).equals(name))
                    .map(p -> p + 1)
                    .toArray();
        }
    }

    static NamedSql of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = text.indexOf(ch, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("an unterminated quote at " + i + " in: " + text);
                }
                out.append(text, i, end + 1); // a doubled quote inside is two quoted parts in a row: copied alike
                i = end + 1;
            } else if (ch == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < text.length() && nameStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && namePart(text.charAt(end))) {
                    end++;
                }
                names.add(text.substring(i + 1, end));
                out.append('?');
                i = end;
            } else if (ch == '?') {
                throw new IllegalArgumentException("a bare ? at " + i + " (parameters are :names) in: " + text);
            } else {
                out.append(ch);
                i++;
            }
        }
        return new NamedSql(out.toString(), names);
    }

    private static boolean nameStart(char ch) {
        return (ch >= 'a' && ch <= 'z') || ch == '_';
    }

    private static boolean namePart(char ch) {
        return nameStart(ch) || (ch >= '0' && ch <= '9');
    }

    /** The text JDBC prepares. */
    String jdbc() {
        return jdbc;
    }

    /** Prepares the statement on {@code connection}; closing the binding closes the statement. */
    Binding prepare(Connection connection) throws SQLException {
        return new Binding(connection.prepareStatement(jdbc));
    }

    /** Values bound by name to one prepared statement. */
    final class Binding implements AutoCloseable {
        private final PreparedStatement statement;
        private final boolean[] bound = new boolean[names.length];

        private Binding(PreparedStatement statement) {
            this.statement = statement;
        }

        Binding text(String name, @Nullable String value) throws SQLException {
            return set(name, p -> statement.setString(p, value));
        }

        Binding number(String name, long value) throws SQLException {
            return set(name, p -> statement.setLong(p, value));
        }

        Binding number(String name, @Nullable Long value) throws SQLException {
            return set(name, p -> statement.setObject(p, value, Types.BIGINT));
        }

        Binding integer(String name, int value) throws SQLException {
            return set(name, p -> statement.setInt(p, value));
        }

        Binding instant(String name, @Nullable Instant value) throws SQLException {
            return set(name, p -> statement.setObject(p, Timestamps.bind(value), Types.TIMESTAMP_WITH_TIMEZONE));
        }

        /** Runs a statement that returns rows; the caller closes them. */
        ResultSet query() throws SQLException {
            return ready().executeQuery();
        }

        /** Runs a statement that returns no rows: the rows it changed. */
        int update() throws SQLException {
            return ready().executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }

        private PreparedStatement ready() {
            for (int i = 0; i < bound.length; i++) {
                if (!bound[i]) {
                    throw new IllegalStateException(":" + names[i] + " is not bound in: " + jdbc);
                }
            }
            return statement;
        }

        /** One JDBC setter, at a position. */
        private interface Setter {
            void at(int position) throws SQLException;
        }

        /** Sets every position of {@code name}. */
        private Binding set(String name, Setter setter) throws SQLException {
            for (int p : positions(name)) {
                setter.at(p);
            }
            return this;
        }

        private int[] positions(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    bound[i] = true;
                    return positions[i];
                }
            }
            throw new IllegalArgumentException(":" + name + " is not a parameter of: " + jdbc);
        }
    }
}
