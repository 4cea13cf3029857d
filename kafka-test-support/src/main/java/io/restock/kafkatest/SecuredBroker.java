package io.restock.kafkatest;

import io.restock.localkafka.LocalBroker;
import org.apache.kafka.common.config.SaslConfigs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A broker of a test's own with SASL/SCRAM and the StandardAuthorizer ({@link LocalBroker} with a random admin
 * password), for the tests that check a service logs in and keeps to its ACLs, and the settings that make a service log
 * in to it: {@code <service>.kafka.security-protocol}, {@code .sasl-mechanism} and {@code .sasl-jaas-config}.
 */
public final class SecuredBroker {

    /** How long the broker may take to start. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private SecuredBroker() {
    }

    /** Starts one on a free port, its data in {@code dataDir}; close it when done. */
    public static LocalBroker start(final Path dataDir) {
        return LocalBroker.start(new LocalBroker.Settings(0, dataDir, READY_TIMEOUT)
                .withSasl(LocalBroker.Sasl.withRandomAdminPassword()));
    }

    /** The settings that make {@code service} log in as {@code user}. */
    public static Map<String, Object> login(final String service, final String user, final String password) {
        return Map.of(
                service + ".kafka.security-protocol", LocalBroker.Sasl.PROTOCOL,
                service + ".kafka.sasl-mechanism", LocalBroker.Sasl.MECHANISM,
                service + ".kafka.sasl-jaas-config",
                LocalBroker.Sasl.clientProperties(user, password).get(SaslConfigs.SASL_JAAS_CONFIG));
    }

    /** The settings that make {@code service} log in to {@code broker} as its admin. */
    public static Map<String, Object> adminLogin(final String service, final LocalBroker broker) {
        final LocalBroker.Sasl sasl = broker.sasl()
                .orElseThrow(() -> new IllegalArgumentException("the broker does not take SASL logins"));
        return login(service, sasl.adminUser(), sasl.adminPassword());
    }
}
