package dev.rollback.adapters.ci.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiCall;
import dev.rollback.adapters.ci.CiHttp;
import dev.rollback.adapters.ci.CiRequest;
import dev.rollback.adapters.ci.CiRequest.Header;
import dev.rollback.adapters.ci.CiResponse;
import dev.rollback.adapters.ci.Json;
import dev.rollback.adapters.ci.Secrets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Jenkins' CSRF protection: GET /crumbIssuer/api/json gives {crumb, crumbRequestField}, to be sent as
 * that header on the POST. Since Jenkins 2.176.2 the default issuer ties the crumb to the web session,
 * so the session cookie it sets must go along too. A 404 means the issuer is off: no crumb. (Jenkins
 * exempts API-token requests from crumbs since 2.96, but sending one costs a GET and works everywhere.)
 */
final class JenkinsCrumbs {

    static final String DEFAULT_FIELD = "Jenkins-Crumb";

    private JenkinsCrumbs() {
    }

    /** The crumb and cookie headers to add to a POST, or none when the issuer is off. */
    static List<Header> fetch(CiHttp http, URI crumbIssuer, String authorization, Secrets secrets, CiCall call) {
        CiRequest request = CiRequest.get(crumbIssuer, secrets).header("Authorization", authorization).build();
        CiResponse response = http.send(request, call, status -> status == 404);
        if (response.status() == 404) {
            return List.of();
        }
        JsonNode crumb = Json.parse(response, call);
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(Json.text(crumb, "crumbRequestField").orElse(DEFAULT_FIELD),
                secrets.other(Json.required(crumb, "crumb", call))));
        String cookies = response.headers("Set-Cookie").stream()
                .map(setCookie -> setCookie.split(";", 2)[0].strip())
                .filter(pair -> pair.contains("="))
                .collect(Collectors.joining("; "));
        if (!cookies.isEmpty()) {
            headers.add(new Header("Cookie", secrets.other(cookies)));
        }
        return headers;
    }

    /** What a preview shows instead: the usual crumb header and the session cookie, both masked. */
    static List<Header> masked() {
        return List.of(new Header(DEFAULT_FIELD, Secrets.MASK), new Header("Cookie", Secrets.MASK));
    }
}
