package io.restock.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens backorder-kpis' live dashboard of a running stack in headless Chromium (Debian's {@code /usr/bin/chromium},
 * driven by playwright-core through {@code backorder-kpis/src/test/browser/dashboard-check.mjs}): the page loads
 * without errors, every chart has data, the backorder rate and open lines shown equal {@code GET /kpis}, and a
 * screenshot is written. Skipped, saying why, where Chromium or node is missing.
 */
final class DashboardCheck {

    /** {@code skipped} is null when the check ran; {@code output} is the script's JSON line and log. */
    record Result(boolean ok, String output, String skipped) {
    }

    private DashboardCheck() {
    }

    static Result open(final Path root, final String baseUrl, final Path screenshot) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return new Result(false, "", "Debian's chromium is not installed (apt-get install chromium)");
        }
        final Path browser = root.resolve("backorder-kpis/src/test/browser");
        if (!Files.isDirectory(browser.resolve("node_modules/playwright-core"))) {
            final Result install = run(browser, 300, List.of("npm", "ci", "--no-audit", "--no-fund"));
            if (!install.ok()) {
                return install;
            }
        }
        final String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return run(browser, 180, List.of("node", "dashboard-check.mjs", base, screenshot.toString()));
    }

    private static Result run(final Path dir, final int seconds, final List<String> command) throws Exception {
        final Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (final IOException e) {
            return new Result(false, "", command.getFirst() + " cannot run: " + e.getMessage());
        }
        final CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (final IOException e) {
                return e.toString();
            }
        });
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(false, "timed out after " + seconds + " s: " + String.join(" ", command), null);
        }
        return new Result(process.exitValue() == 0, output.get(), null);
    }
}
