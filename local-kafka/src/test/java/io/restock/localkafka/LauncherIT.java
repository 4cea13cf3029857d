package io.restock.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/restock kafka} as a user runs it: a separate process, stopped with SIGTERM, restarted on its data. */
class LauncherIT {

    private static final String TOPIC = "launcher.probe";
    private static final String SUBJECT = "launcher.probe-value";
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        for (final Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void keepsTopicsRecordsAndSchemaIdsAcrossACleanStopAndRestart() throws Exception {
        final Path data = dir.resolve("data");
        final Path logs = dir.resolve("logs");

        final Launched first = launch(data, logs);
        final int schemaId;
        try (Admin admin = admin(first)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer(first)) {
            producer.send(new ProducerRecord<>(TOPIC, "sku-1", "hello")).get(30, TimeUnit.SECONDS);
        }
        schemaId = registerSchema(first);
        final List<ProcessHandle> children = first.process().descendants().toList();
        assertThat(children).as("the registry runs as a child process").isNotEmpty();

        stopAndExpectCleanExit(first);
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(first.output())).contains("Kafka 127.0.0.1:" + first.port(), "Stopped.");
        assertThat(logs.resolve("kafka.log")).isNotEmptyFile();
        assertThat(logs.resolve("schema-registry.log")).isNotEmptyFile();

        final Launched second = launch(data, logs);
        try (Admin admin = admin(second)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
        }
        assertThat(consumeAll(second)).containsExactly("sku-1=hello");
        final HttpResponse<String> schema = http.send(HttpRequest.newBuilder(
                URI.create(registryUrl(second) + "/schemas/ids/" + schemaId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("Probe");
        stopAndExpectCleanExit(second);
    }

    @Test
    void refusesATakenKafkaPortWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            assertThat(refusal(taken.getLocalPort(), Ports.pickFree())).contains("port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use: is another Kafka running? choose another with --port");
        }
    }

    @Test
    void refusesATakenRegistryPortBeforeStartingKafka() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            assertThat(refusal(Ports.pickFree(), taken.getLocalPort()))
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("--registry-port")
                    .doesNotContain("Starting Kafka");
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    /** Starts the launcher on these ports, expects it to exit with status 1 within 30 s; what it printed. */
    private String refusal(final int port, final int registryPort) throws Exception {
        final Process process = start(port, registryPort, dir.resolve("data"), dir.resolve("logs"),
                dir.resolve("out.txt"));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        return Files.readString(dir.resolve("out.txt"));
    }

    private record Launched(Process process, int port, int registryPort, Path output) {
    }

    private Launched launch(final Path data, final Path logs) throws IOException {
        final int port = Ports.pickFree();
        final int registryPort = Ports.pickFree();
        final Path output = Files.createTempFile(dir, "launcher-", ".out");
        final Process process = start(port, registryPort, data, logs, output);
        final Launched launched = new Launched(process, port, registryPort, output);
        await("launcher ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as("launcher alive; output:%n%s", Files.readString(output)).isTrue();
                    return Files.readString(output).contains("Ready in");
                });
        await("broker and registry answer").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Admin admin = admin(launched)) {
                assertThat(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS)).hasSize(1);
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create(registryUrl(launched) + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        });
        return launched;
    }

    private Process start(final int port, final int registryPort, final Path data, final Path logs,
                          final Path output) throws IOException {
        final String java = ProcessHandle.current().info().command().orElseThrow();
        final Process process = new ProcessBuilder(java,
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-D" + RestockRoot.PROPERTY + "=" + RestockRoot.find(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port", String.valueOf(port), "--registry-port", String.valueOf(registryPort),
                "--data-dir", data.toString(), "--log-dir", logs.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        processes.add(process);
        return process;
    }

    private static void stopAndExpectCleanExit(final Launched launched) throws Exception {
        launched.process().destroy();
        assertThat(launched.process().waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s").isTrue();
        assertThat(launched.process().exitValue()).as("exit code after SIGTERM").isZero();
    }

    private int registerSchema(final Launched launched) throws Exception {
        final String body = "{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\"}";
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registryUrl(launched) + "/subjects/" + SUBJECT + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        final Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return Integer.parseInt(id.group(1));
    }

    private static List<String> consumeAll(final Launched launched) {
        final List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(launched),
                ConsumerConfig.GROUP_ID_CONFIG, "launcher-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await("the record written before the restart").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return !seen.isEmpty();
            });
        }
        return seen;
    }

    private static KafkaProducer<String, String> producer(final Launched launched) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(launched),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(final Launched launched) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(launched)));
    }

    private static String bootstrap(final Launched launched) {
        return Ports.HOST + ":" + launched.port();
    }

    private static String registryUrl(final Launched launched) {
        return "http://" + Ports.HOST + ":" + launched.registryPort() + LocalRegistry.COMPATIBLE_API_PATH;
    }
}
