package io.restock.stack;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        command.addAll(List.of("-cp", watchLocation() + File.pathSeparator + classpath,
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

    /** The directory or jar {@link ParentWatch} was loaded from. */
    private static String watchLocation() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
