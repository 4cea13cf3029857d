package io.restock.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Confluent-compatible schema registry REST API (Apicurio serves it at
 * {@code /apis/ccompat/v7}). Schemas by id never change, so they are cached for the life of the
 * client; so are subject/schema → id answers. Every call is bounded by {@code requestTimeout}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the Confluent-compatible base, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}
     */
    public HttpSchemaRegistryClient(final String baseUrl, final Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    public HttpSchemaRegistryClient(final String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(cacheKey(subject, schema), k -> {
            final JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), 200);
            final int id = answer.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int lookup(final String subject, final Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(cacheKey(subject, schema), k -> {
            final JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema), 200);
            final int id = answer.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(final int id) {
        return schemasById.computeIfAbsent(id, k -> {
            final JsonNode answer = call("GET", "/schemas/ids/" + id, null, 200);
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    @Override
    public void setCompatibility(final String subject, final String level) {
        final ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call("PUT", "/config/" + encode(subject), body, 200);
    }

    @Override
    public String compatibility(final String subject) {
        try {
            final JsonNode answer = call("GET", "/config/" + encode(subject), null, 200);
            return text(answer);
        } catch (final UnknownSchemaException noSubjectLevel) {
            return text(call("GET", "/config", null, 200));
        }
    }

    private static String text(final JsonNode config) {
        final JsonNode level = config.has("compatibilityLevel") ? config.get("compatibilityLevel") : config.get("compatibility");
        return level == null ? null : level.asText();
    }

    @Override
    public List<String> compatibilityProblems(final String subject, final Schema schema) {
        final JsonNode answer;
        try {
            answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema), 200);
        } catch (final UnknownSchemaException noSuchSubjectYet) {
            return List.of();
        }
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        final List<String> problems = new ArrayList<>();
        answer.path("messages").forEach(m -> problems.add(m.asText()));
        if (problems.isEmpty()) {
            problems.add("the registry says the schema is not compatible with subject " + subject);
        }
        return problems;
    }

    @Override
    public List<String> subjects() {
        final List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null, 200).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    private JsonNode call(final String method, final String path, final JsonNode body, final int expected) {
        final URI uri = URI.create(baseUrl + path);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        final HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new RegistryUnavailableException("schema registry at " + baseUrl + " is not reachable (" + method
                    + " " + path + "): " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while calling the schema registry at " + baseUrl, e);
        }
        if (response.statusCode() == 404) {
            throw new UnknownSchemaException(method + " " + uri + " → 404: " + response.body());
        }
        if (response.statusCode() >= 500) {
            throw new RegistryUnavailableException(method + " " + uri + " → " + response.statusCode() + ": "
                    + response.body());
        }
        if (response.statusCode() != expected) {
            throw new RegistryException(method + " " + uri + " → " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (final IOException e) {
            throw new RegistryException("schema registry at " + baseUrl + " answered " + path + " with bad JSON: "
                    + response.body(), e);
        }
    }

    private static ObjectNode schemaBody(final Schema schema) {
        return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString());
    }

    private static String cacheKey(final String subject, final Schema schema) {
        return subject + '\u0000' + schema.toString();
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
