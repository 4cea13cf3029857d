package io.restock.service.streams;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.util.Map;

/**
 * The owner's answer to a forwarded request, relayed to the client as it is: status, body and the headers in
 * {@link OwnerForwarder#RELAYED_HEADERS} (content type, ETag, Retry-After, Idempotent-Replayed, WWW-Authenticate, Location).
 */
public record ForwardedReply(int status, Map<String, String> headers, byte[] body) {

    public ForwardedReply {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The same answer, from this instance. */
    public MutableHttpResponse<byte[]> toResponse() {
        final MutableHttpResponse<byte[]> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(status));
        headers.forEach(response::header);
        return body.length == 0 ? response : response.body(body);
    }
}
