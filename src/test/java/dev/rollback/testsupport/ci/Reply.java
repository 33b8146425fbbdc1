package dev.rollback.testsupport.ci;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a stand-in answers: status, headers, body, and optionally a delay (to provoke client timeouts). */
public record Reply(int status, Map<String, List<String>> headers, String body, Duration delay) {

    public Reply {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = copy;
    }

    public static Reply json(int status, String json) {
        return new Reply(status, Map.of("Content-Type", List.of("application/json; charset=utf-8")), json, Duration.ZERO);
    }

    public static Reply empty(int status) {
        return new Reply(status, Map.of(), "", Duration.ZERO);
    }

    /** An HTML error page like Jenkins (Jetty) serves. */
    public static Reply html(int status, String title) {
        return new Reply(status, Map.of("Content-Type", List.of("text/html;charset=utf-8")),
                "<html><head><title>" + title + "</title></head><body><h2>" + title + "</h2></body></html>", Duration.ZERO);
    }

    public Reply header(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
        values.add(value);
        more.put(name, values);
        return new Reply(status, more, body, delay);
    }

    public Reply after(Duration wait) {
        return new Reply(status, headers, body, wait);
    }
}
