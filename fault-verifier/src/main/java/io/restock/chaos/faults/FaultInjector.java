package io.restock.chaos.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.chaos.log.RunLog;
import io.restock.stack.Service;
import io.restock.stack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link FaultPlan} on a running {@link Stack}, logging each step with its time:
 * <ul>
 *   <li>kill: waits (up to two commit intervals) until the service has a transaction open on the broker
 *       (Admin {@code listTransactions}, state ONGOING, transactional id {@code <service>-...}), sends SIGKILL,
 *       then restarts it and waits until it is healthy;</li>
 *   <li>pause: SIGSTOP for {@code pauseFor} (longer than the transaction timeout, so the broker aborts what it
 *       had open and fences it), SIGCONT, then waits until it is healthy again;</li>
 *   <li>broker restart: {@link Stack#restartBroker()}; the services reconnect by themselves.</li>
 * </ul>
 */
public final class FaultInjector implements AutoCloseable {

    private final Stack stack;
    private final RunLog log;
    private final PrintStream out;
    private final Duration commitInterval;
    private final Duration pauseFor;
    private final Admin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<FaultPlan.Kind, Integer> injected = new EnumMap<>(FaultPlan.Kind.class);
    private int killsInOpenTransaction;

    public FaultInjector(final Stack stack, final RunLog log, final PrintStream out, final Duration commitInterval,
                         final Duration pauseFor) {
        this.stack = stack;
        this.log = log;
        this.out = out;
        this.commitInterval = commitInterval;
        this.pauseFor = pauseFor;
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.admin = Admin.create(props);
    }

    /** Runs the plan, each fault at its time after {@code loadStarted}; returns after the last one recovered. */
    public void run(final FaultPlan plan, final Instant loadStarted) throws InterruptedException {
        for (final FaultPlan.Fault fault : plan.faults()) {
            final long wait = Duration.between(Instant.now(), loadStarted.plus(fault.at())).toMillis();
            if (wait > 0) {
                // the plan's schedule: the next fault's moment, not a wait for a result
                Thread.sleep(wait);
            }
            out.println("fault: " + fault);
            switch (fault.kind()) {
                case KILL -> kill(fault.service());
                case PAUSE -> pause(fault.service());
                case BROKER_RESTART -> restartBroker();
            }
            injected.merge(fault.kind(), 1, Integer::sum);
        }
    }

    public Map<FaultPlan.Kind, Integer> injected() {
        return Map.copyOf(injected);
    }

    /** Kills that found a transaction of the service open on the broker just before the SIGKILL. */
    public int killsInOpenTransaction() {
        return killsInOpenTransaction;
    }

    private void kill(final Service service) throws InterruptedException {
        final List<String> open = awaitOpenTransaction(service);
        stack.kill(service);
        final ObjectNode killed = entry("kill", service);
        final ArrayNode ids = killed.putArray("openTransactions");
        open.forEach(ids::add);
        log.write(killed);
        if (!open.isEmpty()) {
            killsInOpenTransaction++;
        }
        out.println("  killed " + service.id() + (open.isEmpty() ? " (no transaction seen open)"
                : " with transaction(s) open: " + open));
        final long started = System.nanoTime();
        stack.restart(service);
        final ObjectNode restarted = entry("restarted", service);
        restarted.put("tookMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        log.write(restarted);
        out.printf("  %s restarted and healthy in %.1f s%n", service.id(), (System.nanoTime() - started) / 1e9);
    }

    private void pause(final Service service) throws InterruptedException {
        final List<String> open = awaitOpenTransaction(service);
        stack.pause(service);
        final ObjectNode paused = entry("paused", service);
        paused.put("forMs", pauseFor.toMillis());
        final ArrayNode ids = paused.putArray("openTransactions");
        open.forEach(ids::add);
        log.write(paused);
        out.println("  paused " + service.id() + " for " + pauseFor.toSeconds() + " s"
                + (open.isEmpty() ? "" : " with transaction(s) open: " + open));
        // the fault itself: the service stays stopped this long
        Thread.sleep(pauseFor.toMillis());
        stack.resume(service);
        log.write(entry("resumed", service));
        final long started = System.nanoTime();
        awaitHealthy(service, Duration.ofSeconds(180));
        out.printf("  %s resumed, healthy after %.1f s%n", service.id(), (System.nanoTime() - started) / 1e9);
    }

    private void restartBroker() {
        final long started = System.nanoTime();
        stack.restartBroker();
        final ObjectNode entry = entry("broker-restarted", null);
        entry.put("tookMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        log.write(entry);
        out.printf("  broker and registry restarted in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The service's transactions open on the broker, polled until one is or two commit intervals passed. */
    private List<String> awaitOpenTransaction(final Service service) throws InterruptedException {
        final Instant deadline = Instant.now().plus(commitInterval.multipliedBy(2));
        while (true) {
            try {
                final List<String> open = admin.listTransactions(new ListTransactionsOptions()
                                .filterStates(List.of(TransactionState.ONGOING))).all().get(10, TimeUnit.SECONDS)
                        .stream().map(TransactionListing::transactionalId)
                        .filter(id -> id.startsWith(service.id() + "-")).sorted().toList();
                if (!open.isEmpty() || Instant.now().isAfter(deadline)) {
                    return open;
                }
            } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    return List.of();
                }
            }
            // polling the broker's transaction list for the moment to strike
            Thread.sleep(100);
        }
    }

    private void awaitHealthy(final Service service, final Duration timeout) throws InterruptedException {
        final URI health = stack.endpoints().health(service);
        final Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                final HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (final java.io.IOException e) {
                // not answering yet
            }
            // polling the health endpoint
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.id() + " not healthy within " + timeout + " after SIGCONT");
    }

    private static ObjectNode entry(final String step, final Service service) {
        final ObjectNode entry = RunLog.entry("fault");
        entry.put("step", step);
        if (service != null) {
            entry.put("service", service.id());
        }
        return entry;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
