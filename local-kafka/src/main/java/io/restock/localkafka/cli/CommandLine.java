package io.restock.localkafka.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads the options of one of Restock's commands ({@code bin/restock kafka}, {@code chaos}, {@code bench},
 * {@code demo}, the inventory benchmark): {@code --name value} and {@code --name=value}, and flags, which take no
 * value. The command walks the options with {@link #next()}, switches on {@link #name()}, and reads the value of an
 * option that has one with {@link #value()} or a typed reader; every problem is an {@link IllegalArgumentException}
 * that names the option: {@code missing value for --port}, {@code --port needs a port number (0-65535), not 'x'},
 * {@code unknown option --bogus}.
 */
public final class CommandLine {

    private final String[] args;
    private int next;
    private String name;
    private String inline;

    public CommandLine(final String[] args) {
        this.args = Objects.requireNonNull(args, "args").clone();
    }

    /** Moves to the next option; false when there is none. */
    public boolean next() {
        if (next >= args.length) {
            return false;
        }
        final String arg = args[next++];
        final int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            name = arg.substring(0, equals);
            inline = arg.substring(equals + 1);
        } else {
            name = arg;
            inline = null;
        }
        return true;
    }

    /** The current option as written, e.g. {@code --port}. */
    public String name() {
        return name;
    }

    /** The current option's value: what follows {@code =}, else the next argument. */
    public String value() {
        if (inline != null) {
            final String value = inline;
            inline = null;
            return value;
        }
        if (next >= args.length) {
            throw new IllegalArgumentException("missing value for " + name);
        }
        return args[next++];
    }

    /** The value as a path. */
    public Path path() {
        return Path.of(value());
    }

    /** The value as a whole number from {@code min} to {@code max} ({@code _} may group digits: 200_000). */
    public long whole(final long min, final long max) {
        final String value = value();
        try {
            final long n = Long.parseLong(value.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a whole number " + min + "-" + max + ", not '" + value + "'");
    }

    /** The value as a TCP port, 0 (any free one) to 65535. */
    public int port() {
        final String value = value();
        try {
            final int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a port number (0-65535), not '" + value + "'");
    }

    /** The value as a number above 0. */
    public double positive() {
        return number(0, false, Double.MAX_VALUE, "a number above 0");
    }

    /** The value as a number above 0 and at most {@code max}. */
    public double positiveAtMost(final double max) {
        return number(0, false, max, "a number above 0 and at most " + max);
    }

    /** The value as a number of 0 or more. */
    public double atLeastZero() {
        return number(0, true, Double.MAX_VALUE, "a number of 0 or more");
    }

    /** The value as a positive duration: {@code 90s}, {@code 2m}, {@code 1500ms}, or whole seconds. */
    public Duration duration() {
        final String value = value();
        try {
            final Duration d;
            if (value.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(value));
            }
            if (d.isPositive()) {
                return d;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive duration (90s, 2m, 1500ms), not '" + value + "'");
    }

    /**
     * The command's options as {@code parse} reads them, or the command ends: when {@code help} says the options ask
     * for it ({@code -h}, {@code --help}), the usage goes to standard output and the command exits with status 0;
     * on an {@link IllegalArgumentException} (a wrong option) or an {@link IllegalStateException} (something the
     * options need is missing, e.g. the repository root), {@code <command>: <message>} and the usage go to standard
     * error and the command exits with status 2.
     */
    public static <T> T parseOrExit(final String command, final String usage, final Supplier<T> parse,
                                    final Predicate<T> help) {
        final T options;
        try {
            options = parse.get();
        } catch (final IllegalArgumentException | IllegalStateException e) {
            System.err.println(command + ": " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e;
        }
        if (help.test(options)) {
            System.out.println(usage);
            System.exit(0);
        }
        return options;
    }

    /**
     * {@link #parseOrExit(String, String, Supplier, Predicate)} for a command whose options have no help of their
     * own: {@code -h} or {@code --help} as the first argument asks for it.
     */
    public static <T> T parseOrExit(final String command, final String usage, final String[] args,
                                    final Function<String[], T> parse) {
        if (args.length > 0 && ("-h".equals(args[0]) || "--help".equals(args[0]))) {
            System.out.println(usage);
            System.exit(0);
        }
        return parseOrExit(command, usage, () -> parse.apply(args), options -> false);
    }

    /** The error for an option the command does not know. */
    public IllegalArgumentException unknown() {
        return new IllegalArgumentException("unknown option " + name);
    }

    private double number(final double min, final boolean minIncluded, final double max, final String what) {
        final String value = value();
        try {
            final double n = Double.parseDouble(value);
            if ((minIncluded ? n >= min : n > min) && n <= max) {
                return n;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs " + what + ", not '" + value + "'");
    }
}
