package dev.inferplan.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/suite token} and the key set-up behind it:
 * <pre>
 *   keygen DIR                                  create the local key pair unless present
 *   token DIR --role ROLE [--user NAME] [--hours H] [--issuer ISS] [--pool POOL]
 * </pre>
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println("token: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("usage: keygen DIR | token DIR --role ROLE [--user NAME] [--hours H]"
                    + " [--pool POOL]");
        }
        Path dir = Path.of(args.get(1));
        if (args.get(0).equals("keygen")) {
            KeyFiles.ensureKeyPair(dir);
            return dir.resolve(KeyFiles.PUBLIC_KEY_FILE).toAbsolutePath().toString();
        }
        if (!args.get(0).equals("token")) {
            throw new IllegalArgumentException("unknown command '" + args.get(0) + "'");
        }
        String role = null;
        String user = null;
        String issuer = LocalTokenIssuer.LOCAL_ISSUER;
        String pool = null;
        long hours = 12;
        for (int i = 2; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--role" -> role = value;
                case "--user" -> user = value;
                case "--issuer" -> issuer = value;
                case "--hours" -> hours = Long.parseLong(value);
                case "--pool" -> pool = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (role == null || !Roles.ALL.contains(role)) {
            throw new IllegalArgumentException("--role must be one of " + Roles.ALL);
        }
        KeyFiles.ensureKeyPair(dir);
        return LocalTokenIssuer.fromKeyDirectory(dir, issuer).issue(user == null ? "local-" + role : user, List.of(role),
                Duration.ofHours(hours), pool == null ? Map.of() : Map.of(Roles.POOL_CLAIM, pool));
    }
}
