package dev.rollback.adapters.ci;

import dev.rollback.core.retrain.RequestPreview;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request to a CI system, built with {@link Secrets}: masked it is the --dry-run preview,
 * revealed it is what is sent. {@code secrets} scrubs error messages of whatever it handed out.
 *
 * @param body "" for none
 */
public record CiRequest(String method, URI uri, List<Header> headers, String body, Secrets secrets) {

    public static final String USER_AGENT = "rollback-cli";

    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    public CiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static Builder get(URI uri, Secrets secrets) {
        return new Builder("GET", uri, secrets);
    }

    public static Builder post(URI uri, Secrets secrets) {
        return new Builder("POST", uri, secrets);
    }

    /** GET and the other safe methods may be repeated; a POST may start a second pipeline. */
    public boolean idempotent() {
        return method.equals("GET") || method.equals("HEAD");
    }

    public RequestPreview preview() {
        return new RequestPreview(method, uri.toString(), headers.stream().map(Header::toString).toList(), body);
    }

    /** Same request plus headers (a Jenkins crumb fetched just before sending). */
    public CiRequest withHeaders(List<Header> more) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(more);
        return new CiRequest(method, uri, all, body, secrets);
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }

    public static final class Builder {
        private final String method;
        private final URI uri;
        private final Secrets secrets;
        private final List<Header> headers = new ArrayList<>();
        private String body = "";

        private Builder(String method, URI uri, Secrets secrets) {
            this.method = method;
            this.uri = uri;
            this.secrets = secrets;
            headers.add(new Header("User-Agent", USER_AGENT));
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder form(FormBody form) {
            header("Content-Type", "application/x-www-form-urlencoded");
            this.body = form.encoded();
            return this;
        }

        public Builder json(String json) {
            header("Content-Type", "application/json");
            this.body = json;
            return this;
        }

        public CiRequest build() {
            return new CiRequest(method, uri, headers, body, secrets);
        }
    }
}
