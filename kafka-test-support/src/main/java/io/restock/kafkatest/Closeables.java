package io.restock.kafkatest;

/**
 * Closes what a test class started, for its {@code @AfterAll}: each resource that was made (null: never started,
 * skipped), in the order given, every one of them even when an earlier one fails to close; the first failure is then
 * thrown (unchecked) with the later ones suppressed into it.
 */
public final class Closeables {

    private Closeables() {
    }

    public static void closeAll(final AutoCloseable... resources) {
        RuntimeException failure = null;
        for (final AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (final Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
