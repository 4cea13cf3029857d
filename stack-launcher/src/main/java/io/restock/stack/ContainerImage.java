package io.restock.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's container image as Jib writes it ({@code <service>/target/jib-image.tar}, Docker's
 * {@code docker save} layout), unpacked into a root file system and run without a container engine: a private
 * mount namespace with {@code /proc} mounted, {@code chroot} into the image's root, the image's entrypoint and
 * environment. The same network as the host, so the service reaches the local Kafka on 127.0.0.1.
 *
 * <p>This is how the images are proven to run on machines with no Docker engine (needs root, {@code unshare},
 * {@code chroot} and {@code tar}); it is not an isolation boundary.
 *
 * @param root       the unpacked root file system
 * @param entrypoint the image's entrypoint followed by its command
 * @param env        the image's environment ({@code PATH}, {@code JAVA_HOME})
 */
public record ContainerImage(Path root, List<String> entrypoint, Map<String, String> env) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where Jib writes a module's image tarball. */
    public static Path tarOf(final Path rootDir, final Service service) {
        return rootDir.resolve(service.id()).resolve("target").resolve("jib-image.tar");
    }

    /** True when this machine can run an unpacked image: root, with unshare, chroot and tar on the path. */
    public static boolean canRunHere() {
        return "root".equals(System.getProperty("user.name"))
                && List.of("unshare", "chroot", "tar", "mount").stream().allMatch(ContainerImage::onPath);
    }

    /** Unpacks {@code tar} (layers in order) into {@code dir}/rootfs, replacing what was there. */
    public static ContainerImage unpack(final Path tar, final Path dir) {
        if (!Files.isRegularFile(tar)) {
            throw new StackStartException("no image at " + tar + ": run bin/restock images first");
        }
        try {
            final Path blobs = dir.resolve("blobs");
            final Path root = dir.resolve("rootfs");
            delete(dir);
            Files.createDirectories(blobs);
            Files.createDirectories(root);
            run(List.of("tar", "-xf", tar.toString(), "-C", blobs.toString()));
            final JsonNode manifest = JSON.readTree(blobs.resolve("manifest.json").toFile()).get(0);
            for (final JsonNode layer : manifest.path("Layers")) {
                run(List.of("tar", "-xzf", blobs.resolve(layer.asText()).toString(), "-C", root.toString()));
            }
            final JsonNode config = JSON.readTree(blobs.resolve(manifest.path("Config").asText()).toFile())
                    .path("config");
            final List<String> entrypoint = new ArrayList<>();
            config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
            config.path("Cmd").forEach(part -> entrypoint.add(part.asText()));
            final Map<String, String> env = new LinkedHashMap<>();
            for (final JsonNode variable : config.path("Env")) {
                final String text = variable.asText();
                env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
            if (entrypoint.isEmpty()) {
                throw new StackStartException("image " + tar + " has no entrypoint");
            }
            Files.createDirectories(root.resolve("proc"));
            Files.createDirectories(root.resolve("dev"));
            Files.createDirectories(root.resolve("tmp"));
            delete(blobs);
            return new ContainerImage(root, List.copyOf(entrypoint), Map.copyOf(env));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot unpack " + tar, e);
        }
    }

    /**
     * The command that runs the image's entrypoint inside its root: {@code unshare} gives it a mount namespace
     * of its own, where {@code /proc} is mounted (the JVM finds its libraries through it), then {@code chroot}
     * replaces the shell so the process the launcher holds is the service's JVM.
     */
    public List<String> command() {
        final List<String> command = new ArrayList<>(List.of(which("unshare"), "--mount", "--propagation", "private",
                which("sh"), "-c", which("mount") + " -t proc proc \"$0/proc\" && " + which("mount")
                        + " --bind /dev \"$0/dev\" && exec " + which("chroot")
                        + " \"$0\" \"$@\"", root.toString()));
        command.addAll(entrypoint);
        return command;
    }

    private static boolean onPath(final String tool) {
        return !which(tool).equals(tool);
    }

    /** The host's absolute path of {@code tool} (the service's environment carries the image's PATH instead). */
    private static String which(final String tool) {
        final String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (final String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return tool;
    }

    private static void run(final List<String> command) throws IOException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new StackStartException(String.join(" ", command) + " failed: " + output);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void delete(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }
}
