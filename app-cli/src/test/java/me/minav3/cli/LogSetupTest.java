package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** Decision 050: the CLI's logging, set up in code, is what its logback.xml said: stderr, WARN, chatty libraries quiet. */
class LogSetupTest {

    @Test
    void logsGoToStderrAtTheConfiguredLevelWithChattyLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        // This class path has a logback-test.xml (app-http's test jar): the CLI's setup leaves it to logback.
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(setup.configureStderr(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(LogSetup.level());
        assertThat(root.getAppender("STDERR"))
                .isInstanceOfSatisfying(
                        ConsoleAppender.class,
                        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        for (String library : new String[] {"io.zonky", "com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty"}) {
            assertThat(context.getLogger(library).getLevel()).as(library).isEqualTo(Level.WARN);
        }
    }
}
