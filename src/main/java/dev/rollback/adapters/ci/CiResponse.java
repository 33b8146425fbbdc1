package dev.rollback.adapters.ci;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/** A CI system's answer: status, headers, body as text. */
public record CiResponse(int status, HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public List<String> headers(String name) {
        return headers.allValues(name);
    }
}
