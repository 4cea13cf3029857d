package io.restock.suppliergateway.directory;

import io.restock.suppliergateway.suppliers.SupplierTopics;
import io.restock.suppliergateway.suppliers.SupplierCodec;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.suppliers.Channel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.service.problem.ProblemResponses;
import io.restock.service.problem.Violation;
import io.restock.service.kafka.ClientLogin;
import io.restock.suppliergateway.problem.Problems;
import io.restock.suppliergateway.topology.GatewayTopics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The registry's admin API, guarded by the admin key ({@code Authorization: Bearer <key>}; its SHA-256 is
 * {@code supplier-gateway.admin.api-key-sha256}). {@code PUT /admin/suppliers/{id}} validates the supplier,
 * creates its topic if its channel is KAFKA, then writes it to the compacted topic
 * {@code supplier-gateway.suppliers} (key id, JSON) and answers 202 once Kafka has it; the service sees
 * the change as soon as its global store does (milliseconds). {@code GET} reads it back without secrets.
 */
@Controller("/admin/suppliers")
@Tag(name = "Supplier registry (admin)")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class SupplierAdminController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SupplierDirectory directory;
    private final SupplierTopics topics;
    private final byte[] adminKeySha256;
    private final KafkaProducer<String, String> producer;

    SupplierAdminController(final SupplierDirectory directory, final SupplierTopics topics,
                            @Nullable @Value("${supplier-gateway.admin.api-key-sha256}") final String adminKeySha256,
                            @Value("${supplier-gateway.kafka.bootstrap-servers}") final String bootstrapServers,
                            final ClientLogin security) {
        this.directory = directory;
        this.topics = topics;
        this.adminKeySha256 = adminKeySha256 == null ? null : adminKeySha256.toLowerCase().getBytes(StandardCharsets.US_ASCII);
        this.producer = new KafkaProducer<>(security.applyTo(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.CLIENT_ID_CONFIG, "supplier-gateway-admin",
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)),
                new StringSerializer(), new StringSerializer());
    }

    @Put(value = "/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a supplier: name, channel, webhookUrl, signingSecrets (newest first, at most 2), apiKeySha256, contact")
    public HttpResponse<?> put(final HttpRequest<?> request, @PathVariable final String id,
                               @Nullable @Body final byte[] raw) {
        if (!admin(request)) {
            return Problems.unauthenticated(request.getPath(), "send the admin key as 'Authorization: Bearer <key>'");
        }
        final JsonNode body;
        try {
            body = raw == null ? null : JSON.readTree(raw);
        } catch (final IOException e) {
            return Problems.unreadable(request.getPath(), "the body is not valid JSON");
        }
        final List<Violation> errors = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            errors.add(new Violation("id", "invalid-id", "lower-case letters, digits and '-', at most 63"));
        }
        if (body == null || !body.isObject()) {
            errors.add(new Violation("", "not-an-object", "expected a JSON object"));
            return Problems.invalid(request.getPath(), errors);
        }
        final Channel channel = channel(body.path("channel").asText(null), errors);
        final String url = body.path("webhookUrl").asText(null);
        final List<String> secrets = new ArrayList<>();
        body.path("signingSecrets").forEach(s -> secrets.add(s.asText()));
        if (channel == Channel.WEBHOOK) {
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || !validUri(url)) {
                errors.add(new Violation("webhookUrl", "invalid-url", "a WEBHOOK supplier needs an http(s) URL"));
            }
            if (secrets.isEmpty() || secrets.size() > Supplier.MAX_SECRETS
                    || secrets.stream().anyMatch(s -> s.length() < 16)) {
                errors.add(new Violation("signingSecrets", "invalid-secrets",
                        "one or two secrets (newest first) of at least 16 characters"));
            }
        }
        final String apiKeySha256 = body.path("apiKeySha256").asText(null);
        if (apiKeySha256 == null || !SHA256.matcher(apiKeySha256).matches()) {
            errors.add(new Violation("apiKeySha256", "invalid-digest", "lower-case hex SHA-256 of the supplier's API key"));
        }
        if (!errors.isEmpty()) {
            return Problems.invalid(request.getPath(), errors);
        }
        final Supplier supplier = new Supplier(id, body.path("name").asText(id), channel, url, secrets, apiKeySha256,
                body.path("contact").asText(null));
        try {
            if (channel == Channel.KAFKA) {
                topics.ensure(id);
            }
            producer.send(new ProducerRecord<>(GatewayTopics.SUPPLIERS.name(), id, SupplierCodec.write(supplier)))
                    .get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            return Problems.unavailable(request.getPath(), "Kafka did not take the change: " + e.getMessage());
        }
        return HttpResponse.status(HttpStatus.ACCEPTED).body(supplier.redacted());
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a supplier (secrets redacted)")
    public HttpResponse<?> get(final HttpRequest<?> request, @PathVariable final String id) {
        if (!admin(request)) {
            return Problems.unauthenticated(request.getPath(), "send the admin key as 'Authorization: Bearer <key>'");
        }
        return directory.find(id).<HttpResponse<?>>map(s -> HttpResponse.ok(s.redacted()))
                .orElseGet(() -> ProblemResponses.of(HttpStatus.NOT_FOUND, "supplier-not-found", "No such supplier",
                        "no supplier " + id, request.getPath()));
    }

    private boolean admin(final HttpRequest<?> request) {
        final String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (adminKeySha256 == null || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        final String digest = SupplierDirectory.sha256Hex(authorization.substring("Bearer ".length()).trim());
        return MessageDigest.isEqual(adminKeySha256, digest.getBytes(StandardCharsets.US_ASCII));
    }

    private static Channel channel(final String text, final List<Violation> errors) {
        try {
            return Channel.valueOf(text);
        } catch (final RuntimeException e) {
            errors.add(new Violation("channel", "invalid-channel", "KAFKA or WEBHOOK"));
            return null;
        }
    }

    private static boolean validUri(final String url) {
        try {
            return URI.create(url).getHost() != null;
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
