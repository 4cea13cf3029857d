package io.restock.schemas.provisioning;

import io.restock.schemas.registry.HttpSchemaRegistryClient;
import io.restock.schemas.registry.RegistryException;
import io.restock.schemas.registry.SchemaRegistryClient;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.TopicSpec;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the cluster and the registry match the topic catalogue: creates missing topics (and their
 * dead-letter topics), sets each Avro subject to {@code BACKWARD_TRANSITIVE} and registers its
 * schema. Idempotent; it never deletes or alters a topic, it reports drift instead. Every step is
 * bounded by the timeout, so an unreachable broker or registry fails fast with a clear message.
 */
public final class TopicProvisioner {

    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";
    private static final TopicSpec DEAD_LETTER_SPEC = new TopicSpec(1, false, Duration.ofDays(30));

    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final Duration timeout;
    private final String bootstrapServers;

    public TopicProvisioner(final Admin admin, final SchemaRegistryClient registry, final Duration timeout,
                            final String bootstrapServers) {
        this.admin = admin;
        this.registry = registry;
        this.timeout = timeout;
        this.bootstrapServers = bootstrapServers;
    }

    /** Admin client properties whose own timeouts stay within {@code timeout}. */
    public static Properties adminProperties(final String bootstrapServers, final Duration timeout) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "restock-provisioner");
        return props;
    }

    /**
     * Provisions {@code topics} on the cluster at {@code bootstrapServers} and the registry at {@code registryUrl}
     * with an admin client of its own ({@link #adminProperties} plus {@code clientSettings}, e.g. a login), closed
     * afterwards; every step within {@code timeout}.
     */
    public static ProvisioningReport provision(final String bootstrapServers, final Map<String, Object> clientSettings,
                                               final String registryUrl, final Duration timeout,
                                               final Collection<Topic<?, ?>> topics) {
        final Properties config = adminProperties(bootstrapServers, timeout);
        config.putAll(clientSettings);
        try (Admin admin = Admin.create(config)) {
            return new TopicProvisioner(admin, new HttpSchemaRegistryClient(registryUrl), timeout, bootstrapServers)
                    .provision(topics);
        }
    }

    public ProvisioningReport provision(final Collection<Topic<?, ?>> topics) {
        final int brokers = await(admin.describeCluster().nodes(), "reach Kafka").size();
        final short replication = (short) Math.min(3, brokers);

        final Map<String, TopicSpec> wanted = new LinkedHashMap<>();
        for (final Topic<?, ?> topic : topics) {
            wanted.put(topic.name(), topic.spec());
            wanted.put(topic.deadLetterTopic(), DEAD_LETTER_SPEC);
        }
        final Set<String> existing = await(admin.listTopics().names(), "list topics");

        final List<String> created = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<NewTopic> toCreate = new ArrayList<>();
        wanted.forEach((name, spec) -> {
            if (existing.contains(name)) {
                unchanged.add(name);
            } else {
                toCreate.add(new NewTopic(name, Optional.of(spec.partitions()), Optional.of(replication))
                        .configs(spec.configs()));
            }
        });
        admin.createTopics(toCreate).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(name);
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    unchanged.add(name);
                } else {
                    throw new ProvisioningException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
                }
            } catch (final TimeoutException e) {
                throw new ProvisioningException("creating topic " + name + " took longer than " + timeout, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException("interrupted while creating " + name, e);
            }
        });

        final List<String> drift = drift(unchanged, wanted);
        final List<String> subjects = registerSchemas(topics);
        return new ProvisioningReport(created, unchanged, drift, subjects);
    }

    private List<String> drift(final List<String> names, final Map<String, TopicSpec> wanted) {
        final List<String> drift = new ArrayList<>();
        if (names.isEmpty()) {
            return drift;
        }
        final Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(),
                "describe topics");
        final List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        final Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describe configs");
        for (final String name : names) {
            final TopicSpec spec = wanted.get(name);
            final int partitions = descriptions.get(name).partitions().size();
            if (partitions != spec.partitions()) {
                drift.add(name + ": " + partitions + " partitions, the catalogue says " + spec.partitions());
            }
            final Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            spec.configs().forEach((key, value) -> {
                final ConfigEntry entry = actual.get(key);
                final String found = entry == null ? null : entry.value();
                if (!value.equals(found)) {
                    drift.add(name + ": " + key + "=" + found + ", the catalogue says " + value);
                }
            });
        }
        return drift;
    }

    private List<String> registerSchemas(final Collection<Topic<?, ?>> topics) {
        final List<String> subjects = new ArrayList<>();
        for (final Topic<?, ?> topic : topics) {
            final Optional<Schema> schema = topic.valueSchema();
            if (schema.isEmpty()) {
                continue;
            }
            final String subject = topic.valueSubject();
            try {
                registry.setCompatibility(subject, COMPATIBILITY);
                final List<String> problems = registry.compatibilityProblems(subject, schema.get());
                if (!problems.isEmpty()) {
                    throw new ProvisioningException("the schema of " + topic.name() + " cannot be registered: it is not "
                            + COMPATIBILITY + " compatible with subject " + subject + ": " + String.join("; ", problems));
                }
                registry.register(subject, schema.get());
            } catch (final RegistryException e) {
                throw new ProvisioningException("schema registry: " + e.getMessage(), e);
            }
            subjects.add(subject);
        }
        return subjects;
    }

    private <T> T await(final org.apache.kafka.common.KafkaFuture<T> future, final String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            throw new ProvisioningException("could not " + what + " at " + bootstrapServers + " within "
                    + timeout.toSeconds() + " s: is Kafka running there?", e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                // The admin client's own timeout (set to the same bound) can fire first.
                throw new ProvisioningException("could not " + what + " at " + bootstrapServers + " within "
                        + timeout.toSeconds() + " s: is Kafka running there?", e.getCause());
            }
            throw new ProvisioningException("could not " + what + " at " + bootstrapServers + ": " + e.getCause(),
                    e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while trying to " + what, e);
        }
    }
}
