package dev.rollback.adapters.ci;

import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiException.Kind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Turns a CI system's refusal or silence into a one-line {@link CiException} saying what to do. */
final class CiErrors {

    private CiErrors() {
    }

    static CiException forStatus(CiCall call, CiRequest request, CiResponse response) {
        int status = response.status();
        String said = ServerMessage.of(response.body(), request.secrets()).map(m -> ": " + m).orElse("");
        if (status == 401 || status == 403) {
            String saidPart = said.isEmpty() ? "" : "; " + call.system() + " said" + said;
            if (call.token() == null) {
                return new CiException(Kind.AUTH, call.system() + " rejected the request (" + status + "): " + call.authHint()
                        + saidPart);
            }
            return new CiException(Kind.AUTH, call.system() + " rejected the " + call.token() + " (" + status
                    + "): check it is valid and " + call.authHint() + saidPart);
        }
        if (status == 404) {
            return new CiException(Kind.NOT_FOUND, call.notFound());
        }
        if (status >= 300 && status < 400) {
            String to = response.header("Location").map(l -> " to " + withoutQuery(request.secrets().redact(l))).orElse("");
            return new CiException(Kind.REJECTED, call.system() + " at " + call.location() + " answered " + status
                    + " (redirect" + to + "); redirects are not followed so the token stays put: point services.<svc>.ci.url"
                    + " at the address the API really answers on");
        }
        if (status >= 500) {
            return new CiException(Kind.UNAVAILABLE, request.idempotent()
                    ? call.system() + " at " + call.location() + " answered " + status + said + "; try again later"
                    : call.system() + " at " + call.location() + " answered " + status + " to " + request.method() + " "
                            + request.uri().getPath() + said + "; not retried, since it may have acted on it (a second"
                            + " trigger could start a second pipeline): check " + call.system() + " before running again");
        }
        return new CiException(Kind.REJECTED, call.system() + " refused the request (" + status + ")"
                + (said.isEmpty() ? " without saying why" : said));
    }

    static CiException exhausted(CiCall call, int status, int attempts) {
        return new CiException(Kind.UNAVAILABLE, call.system() + " at " + call.location() + " still answered " + status
                + " after " + attempts + " attempts; check its status page, then run the command again");
    }

    static CiException waitTooLong(CiCall call, int status, Duration asked) {
        return new CiException(Kind.UNAVAILABLE, call.system() + " at " + call.location() + " answered " + status
                + " and asks to wait " + asked.toSeconds() + " s (rate limit), longer than the " + RetryPolicy.MAX_WAIT.toSeconds()
                + " s this command waits; run it again after that");
    }

    static CiException transport(CiCall call, CiRequest request, IOException failure, int attempts, Duration timeout) {
        String what = RetryPolicy.describe(failure, timeout);
        if (RetryPolicy.unresolvedHost(failure)) {
            return new CiException(Kind.UNAVAILABLE, "cannot reach " + call.system() + " at " + call.location()
                    + ": unknown host " + request.uri().getHost() + "; check services.<svc>.ci.url", failure);
        }
        if (!RetryPolicy.retriesFailure(request.idempotent(), failure)) {
            return new CiException(Kind.UNAVAILABLE, call.system() + " at " + call.location() + ": " + what + " on "
                    + request.method() + " " + request.uri().getPath() + (request.idempotent() ? "" : "; not retried, since it"
                    + " may have acted on it: check " + call.system() + " before running again"), failure);
        }
        return new CiException(Kind.UNAVAILABLE, "cannot reach " + call.system() + " at " + call.location() + " (" + what
                + ") after " + attempts + " attempts; check services.<svc>.ci.url and that the host is reachable", failure);
    }

    static CiException interrupted(CiCall call) {
        Thread.currentThread().interrupt();
        return new CiException(Kind.UNAVAILABLE, "interrupted while talking to " + call.system() + " at " + call.location());
    }

    private static String withoutQuery(String location) {
        try {
            URI uri = URI.create(location);
            return uri.getQuery() == null ? location : location.substring(0, location.indexOf('?'));
        } catch (IllegalArgumentException e) {
            return "another address";
        }
    }
}
