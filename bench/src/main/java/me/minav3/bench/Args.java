package me.minav3.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options of a harness. */
final class Args {

    private final String[] args;

    private Args(String[] args) {
        this.args = args.clone();
    }

    static Args of(String[] args) {
        return new Args(args);
    }

    String text(String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, Double.toString(fallback)));
    }

    /**
     * The servers' JVM options: {@code -Xmx} from {@code --heap} (512m unless given), then {@code --jvm}'s
     * space-separated options (e.g. a flight recording: {@code --jvm "-XX:StartFlightRecording=filename=x.jfr"}).
     */
    List<String> serverJvm() {
        var jvm = new ArrayList<>(List.of("-Xmx" + text("--heap", "512m")));
        if (!text("--jvm", "").isBlank()) {
            jvm.addAll(List.of(text("--jvm", "").split(" ")));
        }
        return List.copyOf(jvm);
    }

    /**
     * A server's environment: {@code base}, then {@code --server-env}'s space-separated {@code NAME=value} settings
     * over it (e.g. {@code --server-env MINA_REQUESTS_FIRST_MS=0} for an A/B run in one sitting).
     */
    Map<String, String> serverEnv(Map<String, String> base) {
        var env = new HashMap<>(base);
        for (String setting : text("--server-env", "").split(" ")) {
            if (setting.isBlank()) {
                continue;
            }
            int eq = setting.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--server-env takes NAME=value settings: " + setting);
            }
            env.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return Map.copyOf(env);
    }
}
