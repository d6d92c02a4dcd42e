package me.minav3.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The CLI's logging, set up in code (a logback {@link Configurator}, found through {@code META-INF/services}): logs go
 * to stderr so stdout carries only results (and one JSON document with {@code --json}); the root level is
 * {@code MINA_LOG_LEVEL} (default WARN; {@code serve} raises it to INFO when unset). It replaced a {@code logback.xml}
 * whose parsing (an XML parser and logback's configuration model) was a tenth of a warm call (decision 050). A file
 * named by {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on a test class path, still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Libraries that say too much at INFO. */
    private static final List<String> QUIET =
            List.of("io.zonky", "com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // an operator's file, or a test class path's: logback reads it
        }
        return configureStderr(context);
    }

    /** Logs to stderr at {@link #level()}, the chatty libraries at WARN. */
    ExecutionStatus configureStderr(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level());
        root.addAppender(stderr);
        for (String library : QUIET) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code MINA_LOG_LEVEL} as a system property or in the environment (as logback's {@code ${…}} read it). */
    static Level level() {
        String level = System.getProperty("MINA_LOG_LEVEL");
        if (level == null) {
            level = System.getenv("MINA_LOG_LEVEL");
        }
        return Level.toLevel(level == null ? null : level.strip(), Level.WARN);
    }
}
