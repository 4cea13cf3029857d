package io.restock.stack;

import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it true to what {@code bin/restock up}
 * runs: the same services and ports, each service's environment from {@link Service#environment} (the launcher's
 * own definition), no topic name spelled outside the catalogue, Prometheus scraping every service, and a
 * Prometheus configuration that {@code promtool check config} accepts.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

    private static final Path ROOT = Path.of(System.getProperty("restock.root"));
    private static final String BOOTSTRAP = "kafka:29092";
    private static final String REGISTRY = "http://schema-registry:8080/apis/ccompat/v7";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        final Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void composeRunsKafkaTheRegistryProvisioningEveryLauncherServicePrometheusAndGrafana() throws IOException {
        final Set<String> expected = new HashSet<>(Set.of("kafka", "schema-registry", "provision", "prometheus",
                "grafana"));
        Arrays.stream(Service.values()).map(Service::id).forEach(expected::add);
        assertThat(composeServices().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyServiceIsPublishedOnTheLaunchersPortWithTheLaunchersEnvironment() throws IOException {
        final Map<String, Map<String, Object>> services = composeServices();
        for (final Service service : Service.values()) {
            final Map<String, Object> compose = services.get(service.id());
            final int port = service.defaultPort();
            assertThat(compose.get("image")).as(service.id()).isEqualTo("restock/" + service.id() + ":0.1.0-SNAPSHOT");
            assertThat((List<Object>) compose.get("ports")).as(service.id())
                    .containsExactly("127.0.0.1:" + port + ":" + port);
            @SuppressWarnings("unchecked")
            final Map<String, Object> environment = (Map<String, Object>) compose.get("environment");
            final Map<String, String> launcher = service.environment(BOOTSTRAP, REGISTRY, port,
                    "/var/lib/restock/" + service.id(), service.id());
            launcher.forEach((name, value) ->
                    assertThat(String.valueOf(environment.get(name))).as(service.id() + " " + name).isEqualTo(value));
        }
        assertThat((List<Object>) services.get("kafka").get("ports")).containsExactly("127.0.0.1:9092:9092");
        assertThat((List<Object>) services.get("schema-registry").get("ports")).containsExactly("127.0.0.1:8081:8080");
    }

    @Test
    void everyVariableComposeSetsIsOneTheServiceReads() throws IOException {
        final Map<String, Map<String, Object>> services = composeServices();
        for (final Service service : Service.values()) {
            final String yml = Files.readString(ROOT.resolve(service.id()).resolve("src/main/resources/application.yml"));
            final Set<String> read = new HashSet<>();
            final Matcher placeholders = PLACEHOLDER.matcher(yml);
            while (placeholders.find()) {
                read.add(placeholders.group(1));
            }
            read.add("JAVA_TOOL_OPTIONS");
            @SuppressWarnings("unchecked")
            final Map<String, Object> environment = (Map<String, Object>) services.get(service.id()).get("environment");
            assertThat(read).as(service.id() + " application.yml reads").containsAll(environment.keySet());
        }
    }

    @Test
    void topicsComeFromTheCatalogueThroughProvisioningAndNoTopicNameIsSpelledInCompose() throws IOException {
        final String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (final Topic<?, ?> topic : Topics.ALL) {
            assertThat(compose).as("docker-compose.yml spells " + topic.name()).doesNotContain(topic.name());
        }
        assertThat((List<Object>) composeServices().get("provision").get("entrypoint"))
                .contains("io.restock.schemas.provisioning.Provision", BOOTSTRAP, REGISTRY);
    }

    @Test
    void prometheusScrapesEveryServiceOnItsMetricsEndpoint() throws IOException {
        final Map<String, Object> prometheus = new Yaml().load(
                Files.readString(ROOT.resolve("docker/prometheus/prometheus.yml")));
        final List<String> targets = new ArrayList<>();
        for (final Object job : (List<?>) prometheus.get("scrape_configs")) {
            final Map<?, ?> scrape = (Map<?, ?>) job;
            assertThat(scrape.get("metrics_path")).isEqualTo("/prometheus");
            for (final Object config : (List<?>) scrape.get("static_configs")) {
                ((List<?>) ((Map<?, ?>) config).get("targets")).forEach(target -> targets.add((String) target));
            }
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(Arrays.stream(Service.values())
                .map(service -> service.id() + ":" + service.defaultPort()).collect(Collectors.toList()));
        final String datasource = Files.readString(
                ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("url: http://prometheus:9090");
    }

    @Test
    void prometheusConfigurationPassesPromtool() throws Exception {
        final Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (Debian package 'prometheus'; .ci/run installs it):"
                + " the Prometheus configuration was not checked");
        final Process check = new ProcessBuilder(promtool.toString(), "check", "config",
                ROOT.resolve("docker/prometheus/prometheus.yml").toString()).redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
    }
}
