package io.restock.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds, with the Maven wrapper, the modules {@code up} runs that were never built or are older than their
 * sources, showing Maven's progress one line per module.
 *
 * <p>A service is built when its {@code target/classpath.txt} (written by its package phase) is missing, names a
 * jar that is gone, or is older than any of its sources or those of the modules it uses. local-kafka is built
 * when its classes, its {@code target/lib} or the unpacked registry distribution are missing or stale.
 */
final class ModuleBuild {

    private static final List<String> SHARED_MODULES = List.of("schemas", "allocation-rules", "service-support");
    private static final Pattern MODULE_LINE = Pattern.compile("Building Restock :: (\\S+)\\s.*\\[(\\d+)/(\\d+)]");
    private static final int OUTPUT_TAIL_LINES = 40;

    private final Path root;
    private final PrintStream progress;

    ModuleBuild(final Path root, final PrintStream progress) {
        this.root = root;
        this.progress = progress;
    }

    /** Builds what is missing for these services and Kafka; prints "up to date" when nothing is. */
    void buildMissing(final Set<Service> services) {
        final List<String> modules = new ArrayList<>();
        if (localKafkaStale()) {
            modules.add("local-kafka");
        }
        for (final Service service : Service.values()) {
            if (services.contains(service) && serviceStale(service)) {
                modules.add(service.id());
            }
        }
        if (modules.isEmpty()) {
            progress.println("Build: up to date.");
            return;
        }
        progress.println("Building " + String.join(", ", modules) + " (and what they use) with ./mvnw ...");
        final long started = System.nanoTime();
        run(List.of("./mvnw", "-B", "-pl", String.join(",", modules), "-am", "install", "-Dmaven.test.skip=true"));
        final FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        for (final String module : modules) {
            final Path classpath = root.resolve(module).resolve("target").resolve("classpath.txt");
            try {
                if (Files.exists(classpath)) {
                    Files.setLastModifiedTime(classpath, now);
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        progress.printf("Built in %.0f s.%n", (System.nanoTime() - started) / 1e9);
    }

    /** The entries of a {@code classpath.txt} written by {@code dependency:build-classpath}. */
    static String readClasspath(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (final IOException e) {
            throw new StackStartException("cannot read " + file + ": build the service first (bin/restock up "
                    + "builds it), or start with building on", e);
        }
    }

    private boolean localKafkaStale() {
        final Path target = root.resolve("local-kafka").resolve("target");
        final Path mainClass = target.resolve("classes/io/restock/localkafka/Main.class");
        if (!Files.isRegularFile(mainClass) || !Files.isDirectory(target.resolve("lib"))
                || !Files.isRegularFile(root.resolve(".restock/dist/apicurio-registry-3.3.3/quarkus-run.jar"))) {
            return true;
        }
        return newerThan(mainClass, List.of(root.resolve("local-kafka/pom.xml"), root.resolve("local-kafka/src/main")));
    }

    private boolean serviceStale(final Service service) {
        final Path module = root.resolve(service.id());
        final Path classpath = module.resolve("target").resolve("classpath.txt");
        if (!Files.isRegularFile(classpath) || !Files.isDirectory(module.resolve("target/classes"))) {
            return true;
        }
        for (final String entry : readClasspath(classpath).split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                return true;
            }
        }
        final List<Path> sources = new ArrayList<>(List.of(root.resolve("pom.xml"), module.resolve("pom.xml"),
                module.resolve("src/main")));
        for (final String shared : SHARED_MODULES) {
            sources.add(root.resolve(shared).resolve("pom.xml"));
            sources.add(root.resolve(shared).resolve("src/main"));
        }
        return newerThan(classpath, sources);
    }

    /** True when any file under {@code sources} was modified after {@code stamp}. */
    private static boolean newerThan(final Path stamp, final List<Path> sources) {
        try {
            final FileTime built = Files.getLastModifiedTime(stamp);
            for (final Path source : sources) {
                if (!Files.exists(source)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(source)) {
                    if (files.filter(Files::isRegularFile).anyMatch(file -> modified(file).compareTo(built) > 0)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (final IOException e) {
            return true;
        }
    }

    private static FileTime modified(final Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (final IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** Runs Maven, printing one line per module it builds plus errors; fails with the output's tail. */
    private void run(final List<String> command) {
        final Deque<String> tail = new ArrayDeque<>();
        final int exit;
        try {
            final Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (tail.size() == OUTPUT_TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                    final Matcher module = MODULE_LINE.matcher(line);
                    if (module.find()) {
                        progress.printf("  [%s/%s] %s%n", module.group(2), module.group(3), module.group(1));
                    } else if (line.startsWith("[ERROR]") || line.contains("Downloading from")
                            && tail.stream().noneMatch(seen -> seen.startsWith("  downloading"))) {
                        progress.println(line.startsWith("[ERROR]") ? "  " + line
                                : "  downloading dependencies from Maven Central ...");
                        if (!line.startsWith("[ERROR]")) {
                            tail.addLast("  downloading");
                        }
                    }
                }
            }
            exit = process.waitFor();
        } catch (final IOException e) {
            throw new StackStartException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while building");
        }
        if (exit != 0) {
            throw new StackStartException("the build failed (" + String.join(" ", command) + ", exit " + exit
                    + "); last lines of its output:\n" + String.join("\n", tail));
        }
    }
}
