package io.restock.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/** The {@code java} command line of a child process, always entered through {@link ParentWatch}. */
final class Launch {

    private Launch() {
    }

    /**
     * @param cdsArchive the process's class-data-sharing archive: created at its first stop, it makes the next
     *                   start load classes from a memory map (and is recreated when the classpath changed)
     */
    static List<String> javaCommand(final Path root, final int heapMegabytes, final Map<String, String> properties,
                                    final String classpath, final String mainClass, final Path cdsArchive) {
        final List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx" + heapMegabytes + "m",
                // Small, mostly idle JVMs on a shared machine: one GC thread, a bounded code cache, C1 only
                // (starts several times faster on 2 cores; the demo's load does not need C2).
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=64m",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + cdsArchive,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Drestock.root=" + root));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", watchJar(cdsArchive.getParent()) + File.pathSeparator + classpath,
                ParentWatch.class.getName(), String.valueOf(ProcessHandle.current().pid()), mainClass));
        return command;
    }

    /** True when nothing listens on 127.0.0.1:{@code port}. */
    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * A module's own code: its plain jar ({@code original-<module>-*.jar} next to a shaded one, else
     * {@code <module>-*.jar}), else {@code target/classes}. A jar, because class-data sharing refuses classpaths
     * with non-empty directories.
     */
    static Path moduleCode(final Path target, final String module) {
        for (final String prefix : List.of("original-" + module + "-", module + "-")) {
            try (var files = Files.list(target)) {
                final var jar = files.filter(file -> {
                    final String name = file.getFileName().toString();
                    return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-tests.jar")
                            && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar");
                }).findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (final IOException e) {
                break;
            }
        }
        return target.resolve("classes");
    }

    /** A jar holding only {@link ParentWatch}, written into {@code dir} (from wherever this class was loaded). */
    private static Path watchJar(final Path dir) {
        final Path jar = dir.resolve("restock-parent-watch.jar");
        final String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ParentWatch.class.getClassLoader().getResourceAsStream(entry)) {
            final byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(jar)) {
                try (JarFile existing = new JarFile(jar.toFile())) {
                    final JarEntry found = existing.getJarEntry(entry);
                    if (found != null && Arrays.equals(existing.getInputStream(found).readAllBytes(), bytes)) {
                        return jar;
                    }
                }
            }
            final Path temporary = Files.createTempFile(dir, "restock-parent-watch", ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary))) {
                out.putNextEntry(new JarEntry(entry));
                out.write(bytes);
                out.closeEntry();
            }
            Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
