package dev.rollback.core.retrain;

import java.util.List;

/**
 * An HTTP request as --dry-run shows it.
 *
 * @param headers "Name: value" lines, secrets replaced by "***"
 * @param body    the body as sent (secrets masked), or "" for none
 */
public record RequestPreview(String method, String url, List<String> headers, String body) {

    public RequestPreview {
        headers = List.copyOf(headers);
    }
}
