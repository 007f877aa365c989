package dev.inferplan.platform.testing;

import java.nio.file.Path;

import dev.inferplan.platform.security.KeyFiles;
import dev.inferplan.platform.security.LocalTokenIssuer;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test of a module runs: a JWT key pair for this build under {@code target/test-jwt},
 * and the MicroProfile JWT settings pointing at it, so every service in tests verifies tokens
 * that {@link TestTokens} issues. Registered through the JUnit launcher's service loader.
 */
public final class TestKeys implements LauncherSessionListener {

    public static final Path DIRECTORY = Path.of("target", "test-jwt").toAbsolutePath();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    public static void install() {
        KeyFiles.ensureKeyPair(DIRECTORY);
        System.setProperty("mp.jwt.verify.publickey.location", DIRECTORY.resolve(KeyFiles.PUBLIC_KEY_FILE).toString());
        System.setProperty("mp.jwt.verify.issuer", LocalTokenIssuer.LOCAL_ISSUER);
    }
}
