package io.restock.stack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The entry point of every process the launcher starts: {@code ParentWatch <launcher pid> <main class> args…}
 * runs {@code <main class>} and exits (normally, so its shutdown hooks stop it cleanly) as soon as the launcher
 * is gone, even when the launcher was killed with SIGKILL and could not stop it. No orphan outlives {@code up}.
 *
 * <p>Depends on nothing but the JDK, so it can go first on any process's classpath.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void main(final String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatch <parent pid> <main class> [args...]");
            System.exit(2);
        }
        final long parentPid = Long.parseLong(args[0]);
        final Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            System.err.println("restock: the launcher (pid " + parentPid + ") is gone; not starting " + args[1]);
            System.exit(1);
        }
        final Thread watcher = new Thread(() -> {
            parent.get().onExit().join();
            System.err.println("restock: the launcher (pid " + parentPid + ") is gone; stopping");
            System.exit(0);
        }, "restock-parent-watch");
        watcher.setDaemon(true);
        watcher.start();

        final Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (final InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
