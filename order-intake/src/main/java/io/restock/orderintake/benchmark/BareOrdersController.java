package io.restock.orderintake.benchmark;

import io.restock.service.kafka.ClientLogin;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.restock.events.OrderEvent;
import io.restock.orderintake.problem.Problems;
import io.restock.orderintake.submission.OrderEventMapper;
import io.restock.orderintake.submission.OrderSubmission;
import io.restock.orderintake.submission.Parsed;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import io.restock.service.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's ceiling: {@code POST /benchmark/bare-orders} validates an order with the same
 * {@link Submissions}, maps it with the same {@link OrderEventMapper}, encodes the same Avro bytes
 * (registered schema of {@code orders.order-events}) and sends them with the same producer settings
 * (acks=all, idempotent, linger 0) to a private topic, answering 202 on the ack. No authentication,
 * rate limit, idempotency or view. Off unless {@code order-intake.benchmark.bare-endpoint=true}.
 */
@Hidden
@Controller("/benchmark")
@Requires(property = "order-intake.benchmark.bare-endpoint", value = "true")
public final class BareOrdersController {

    private final Submissions submissions;
    private final Clock clock;
    private final String topic;
    private final Serializer<OrderEvent> serializer;
    private final KafkaProducer<String, byte[]> producer;

    public BareOrdersController(@Value("${order-intake.kafka.bootstrap-servers}") final String bootstrapServers,
                                @Value("${order-intake.benchmark.topic:order-intake.benchmark-orders}") final String topic,
                                final Submissions submissions, final Clock clock, final EventSerdes serdes,
                                final ClientLogin login)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        this.submissions = submissions;
        this.clock = clock;
        this.topic = topic;
        this.serializer = Topics.ORDER_EVENTS.valueSerde(serdes).serializer();
        try (Admin admin = Admin.create(login.applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers)))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.ORDER_EVENTS.spec().partitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        this.producer = new KafkaProducer<>(login.applyTo(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "order-intake-bare",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(), new ByteArraySerializer());
        producer.partitionsFor(topic);
    }

    @Post(uri = "/bare-orders", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<MutableHttpResponse<?>> create(final HttpRequest<?> request,
                                                            @Body @Nullable final byte[] body) {
        final OrderSubmission order;
        switch (submissions.order(body)) {
            case Parsed.Valid<OrderSubmission> valid -> order = valid.value();
            case Parsed.Invalid<OrderSubmission> invalid -> {
                return CompletableFuture.completedFuture(
                        Problems.invalid(request.getPath(), "The order", invalid.violations()));
            }
        }
        final String eventId = OrderEventMapper.newEventId();
        final OrderEvent event = OrderEventMapper.placed(order, "bare", eventId, clock.instant());
        final byte[] value = serializer.serialize(Topics.ORDER_EVENTS.name(), event);
        final CompletableFuture<MutableHttpResponse<?>> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, order.orderId(), value), (metadata, error) -> {
            if (error != null) {
                result.complete(ProblemResponses.unavailable(request.getPath(), error.toString(), 2));
            } else {
                result.complete(HttpResponse.<byte[]>status(HttpStatus.ACCEPTED)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(("{\"orderId\":\"" + order.orderId() + "\",\"eventId\":\"" + eventId + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
            }
        });
        return result;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
