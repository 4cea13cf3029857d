package io.restock.notifier;

import io.micronaut.runtime.Micronaut;

/**
 * notifier: tells customers about their backordered lines, once, by email or by the shop's webhook.
 * HTTP on port 8085 (NOTIFIER_PORT) for /health and /prometheus only. See notifier/README.md.
 */
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
