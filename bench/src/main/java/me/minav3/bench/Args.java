package me.minav3.bench;

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
}
