package me.minav3.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code mina --version}. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Mina.class.getPackage().getImplementationVersion();
        return new String[] {"mina " + (version == null ? "development build" : version), "Java " + Runtime.version()};
    }
}
