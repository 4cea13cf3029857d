package io.restock.chaos;

import io.restock.localkafka.cli.CommandLine;
import java.nio.file.Path;

/**
 * {@code bin/restock chaos}: one {@link ChaosRun}, its verdict printed. Exit 0 when clean, 1 on any violation or
 * when the run failed, 2 on bad options.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(final String[] args) {
        final Path root = Path.of(System.getProperty("restock.root", ".")).toAbsolutePath().normalize();
        final ChaosOptions options = CommandLine.parseOrExit("restock chaos", ChaosOptions.USAGE,
                () -> ChaosOptions.parse(args, root), ChaosOptions::help);
        int status;
        try {
            final Verdict verdict = new ChaosRun(options, root, System.out).run();
            verdict.print(System.out);
            status = verdict.clean() ? 0 : 1;
        } catch (final Exception e) {
            System.err.println("restock chaos failed: " + e.getMessage());
            e.printStackTrace(System.err);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
