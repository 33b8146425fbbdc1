package dev.rollback.adapters.registry.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.registry.RegistryException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns MLflow answers and transport failures into one-sentence, secret-free exceptions. */
final class MlflowErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MlflowErrors() {
    }

    /** @param subject what was asked for, e.g. "model 'x' version 7" */
    static MlflowApiException fromStatus(String uri, String subject, int status, String body) {
        String code = "";
        String text = "";
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node != null && node.isObject()) {
                code = node.path("error_code").asText("");
                text = node.path("message").asText("");
            }
        } catch (IOException notJson) {
            // a proxy's HTML page: keep only the status
        }
        String detail = " (HTTP " + status + (code.isEmpty() ? "" : " " + code)
                + (text.isEmpty() ? "" : ": " + oneLine(text)) + ")";
        Kind kind;
        String message;
        if (status == 401) {
            kind = Kind.UNAUTHENTICATED;
            message = "the MLflow registry at " + uri + " did not accept the credentials" + detail + "; set "
                    + MlflowCredentials.TOKEN_ENV + ", or " + MlflowCredentials.USERNAME_ENV + " and "
                    + MlflowCredentials.PASSWORD_ENV + ".";
        } else if (status == 403) {
            kind = Kind.PERMISSION_DENIED;
            message = "the credentials lack permission for " + subject + " on the MLflow registry at " + uri + detail + ".";
        } else if ("ENDPOINT_NOT_FOUND".equals(code) || (status == 404 && code.isEmpty())) {
            kind = Kind.INVALID_REQUEST;
            message = uri + " has no MLflow REST endpoint for " + subject + " (is it an MLflow tracking server?)" + detail + ".";
        } else if (status == 404 || "RESOURCE_DOES_NOT_EXIST".equals(code)) {
            kind = Kind.NOT_FOUND;
            message = subject + " does not exist in the MLflow registry at " + uri + detail + ".";
        } else if (status == 409 || "RESOURCE_ALREADY_EXISTS".equals(code) || "RESOURCE_CONFLICT".equals(code)) {
            kind = Kind.CONFLICT;
            message = "the MLflow registry at " + uri + " reported a conflict on " + subject + detail + ".";
        } else if (status == 429) {
            kind = Kind.RATE_LIMITED;
            message = "the MLflow registry at " + uri + " is rate limiting requests for " + subject + detail + ".";
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
            message = "the MLflow registry at " + uri + " failed on " + subject + detail + ".";
        } else {
            kind = Kind.INVALID_REQUEST;
            message = "the MLflow registry at " + uri + " rejected the request for " + subject + detail + ".";
        }
        return new MlflowApiException(kind, uri, message, status, code, text, null);
    }

    static MlflowApiException fromTransport(String uri, String subject, IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return transport(Kind.UNREACHABLE, uri, "cannot reach the MLflow registry at " + uri
                    + ": no connection within " + seconds(timeout) + ".", e);
        }
        if (e instanceof HttpTimeoutException) {
            return transport(Kind.TIMEOUT, uri, "no answer from " + uri + " within " + seconds(timeout)
                    + " for " + subject + ".", e);
        }
        if (has(e, UnknownHostException.class)) {
            return transport(Kind.UNREACHABLE, uri, "cannot reach the MLflow registry at " + uri + ": unknown host.", e);
        }
        if (has(e, SSLException.class)) {
            return transport(Kind.UNREACHABLE, uri, "cannot reach the MLflow registry at " + uri
                    + ": TLS handshake failed (" + MlflowCredentials.INSECURE_TLS_ENV
                    + "=true skips verification, for test servers only).", e);
        }
        if (has(e, ConnectException.class)) {
            return transport(Kind.UNREACHABLE, uri, "cannot reach the MLflow registry at " + uri + ": connection refused.", e);
        }
        return transport(Kind.UNREACHABLE, uri, "the connection to the MLflow registry at " + uri
                + " failed for " + subject + ": " + e.getClass().getSimpleName() + ".", e);
    }

    /** Connection refused / unknown host / TLS: the server is not there, retrying will not help. */
    static boolean isFatalTransport(IOException e) {
        return e instanceof HttpTimeoutException || has(e, ConnectException.class)
                || has(e, UnknownHostException.class) || has(e, SSLException.class);
    }

    static MlflowApiException unreadable(String uri, String subject, Exception e) {
        return new MlflowApiException(Kind.SERVER_ERROR, uri, "the MLflow registry at " + uri
                + " sent an unreadable answer for " + subject + ".", 200, "", "", e);
    }

    private static MlflowApiException transport(Kind kind, String uri, String message, IOException e) {
        return new MlflowApiException(kind, uri, message, 0, "", "", e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
