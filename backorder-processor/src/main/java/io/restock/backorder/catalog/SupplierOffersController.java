package io.restock.backorder.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.restock.events.SupplierOffer;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The supplier-offer catalogue: create or update offers, one or many, onto the compacted
 * {@code catalog.supplier-offers} (key {@code supplierId/sku}, {@code SupplierOffer}; idempotent
 * producer, acks=all). Invalid input answers 400 and writes nothing.
 */
@Controller("/supplier-offers")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class SupplierOffersController {

    /** The JSON of one offer. */
    public record OfferRequest(String supplierId, String sku, Integer leadTimeDays, BigDecimal unitCost,
                               String currency, Integer minimumOrderQuantity, Integer packSize, Boolean dropShip,
                               Double reliability, Boolean active) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final EventSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;

    public SupplierOffersController(@Value("${backorder-processor.kafka.bootstrap-servers}") final String bootstrap,
                                    final EventSerdes serdes) {
        this.serdes = serdes;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Object> put(@Body @Nullable final byte[] body) {
        try {
            return publish(List.of(json.readValue(body, OfferRequest.class)));
        } catch (final IOException e) {
            return HttpResponse.badRequest(Map.of("error", "malformed offer: " + e.getMessage()));
        }
    }

    @Post(uri = "/bulk", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Object> putAll(@Body @Nullable final byte[] body) {
        try {
            return publish(json.readValue(body, new TypeReference<List<OfferRequest>>() { }));
        } catch (final IOException e) {
            return HttpResponse.badRequest(Map.of("error", "malformed offers: " + e.getMessage()));
        }
    }

    private HttpResponse<Object> publish(final List<OfferRequest> requests) {
        final List<SupplierOffer> offers = new ArrayList<>();
        for (final OfferRequest r : requests) {
            final String problem = validate(r);
            if (problem != null) {
                return HttpResponse.badRequest(Map.of("error", problem));
            }
            offers.add(new SupplierOffer(UUID.randomUUID().toString(), Instant.now(), r.supplierId(), r.sku(),
                    r.leadTimeDays(), r.unitCost().setScale(4, java.math.RoundingMode.HALF_UP), r.currency(),
                    r.minimumOrderQuantity() == null ? 1 : r.minimumOrderQuantity(),
                    r.packSize() == null ? 1 : r.packSize(), Boolean.TRUE.equals(r.dropShip()),
                    r.reliability() == null ? 1.0 : r.reliability(), r.active() == null || r.active()));
        }
        try {
            for (final SupplierOffer o : offers) {
                producer.send(new ProducerRecord<>(Topics.SUPPLIER_OFFERS.name(),
                        Topics.offerKey(o.getSupplierId(), o.getSku()), Topics.SUPPLIER_OFFERS.valueSerde(serdes)
                        .serializer().serialize(Topics.SUPPLIER_OFFERS.name(), o))).get();
            }
        } catch (final ExecutionException e) {
            return HttpResponse.serverError(Map.of("error", "could not publish: " + e.getCause().getMessage()));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResponse.serverError(Map.of("error", "interrupted"));
        }
        return HttpResponse.ok(Map.of("published", offers.size()));
    }

    private static String validate(final OfferRequest r) {
        if (r == null || r.supplierId() == null || r.supplierId().isBlank() || r.supplierId().contains("/")) {
            return "supplierId is required and may not contain '/'";
        }
        if (r.sku() == null || r.sku().isBlank()) {
            return "sku is required";
        }
        if (r.leadTimeDays() == null || r.leadTimeDays() < 0) {
            return "leadTimeDays must be >= 0";
        }
        if (r.unitCost() == null || r.unitCost().signum() < 0) {
            return "unitCost must be >= 0";
        }
        if (r.currency() == null || r.currency().length() != 3) {
            return "currency must be an ISO 4217 code";
        }
        if ((r.minimumOrderQuantity() != null && r.minimumOrderQuantity() < 1) || (r.packSize() != null && r.packSize() < 1)) {
            return "minimumOrderQuantity and packSize must be >= 1";
        }
        if (r.reliability() != null && (r.reliability() < 0 || r.reliability() > 1)) {
            return "reliability must be within 0..1";
        }
        return null;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
