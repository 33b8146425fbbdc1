package dev.rollback.adapters.ci;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Building API URLs under a configured base that may have a path (https://host/gitlab) and a trailing slash. */
public final class UrlPaths {

    private UrlPaths() {
    }

    /** The base without trailing slashes: "https://gitlab.example.com". */
    public static String base(URI configured) {
        return configured.toString().replaceAll("/+$", "");
    }

    /** One path segment, fully encoded: "ml/recsys" → "ml%2Frecsys", "a b" → "a%20b". */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query value, encoded. */
    public static String query(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8);
    }

    /** base + path, where path starts with "/" and is already encoded. */
    public static URI under(URI configured, String encodedPath) {
        return URI.create(base(configured) + encodedPath);
    }
}
