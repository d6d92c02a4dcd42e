package me.minav3.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import me.minav3.mma.error.ConfigurationError;

/**
 * The secret that signs local login tokens and hashes login codes: {@code MINA_AUTH_SECRET}, or one generated once
 * into {@code <data dir>/auth-secret} (readable by its owner only) so tokens survive restarts.
 */
public final class AuthSecret {

    public static final String ENV = "MINA_AUTH_SECRET";

    private AuthSecret() {}

    public static byte[] load(MinaSettings settings) {
        String configured = settings.get(ENV);
        if (configured != null) {
            if (configured.length() < 32) {
                throw new ConfigurationError(ENV + " must be at least 32 characters");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = settings.dataDir().resolve("auth-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                }
            }
            String stored = Files.readString(file).strip();
            if (stored.length() < 32) {
                throw new ConfigurationError(file + " is damaged; delete it to generate a new login secret");
            }
            return stored.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
