package dev.rollback.testsupport.ci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A STAND-IN for a hosted Jenkins controller's remote access API, not Jenkins itself. It follows Jenkins'
 * documentation: "Remote Access API" (jenkins.io/doc/book/using/remote-access-api/: buildWithParameters,
 * queue items, api/json), "CSRF Protection" (jenkins.io/doc/book/security/csrf-protection/: crumbs from
 * /crumbIssuer/api/json, tied to the web session since 2.176.2, so the session cookie must come along),
 * and the shapes of hudson.model.Queue items and Run api/json:
 * <ul>
 *   <li>Basic auth user:apiToken on every call (401 page otherwise);</li>
 *   <li>GET /crumbIssuer/api/json → {crumb, crumbRequestField} + Set-Cookie JSESSIONID..., or 404 when the
 *       issuer is off ({@link #withoutCrumbIssuer()}); with an issuer every POST needs the crumb of its
 *       session (403 "No valid crumb was included in the request" otherwise);</li>
 *   <li>POST /job/a/job/b/buildWithParameters, form parameters, all declared by the job (Jenkins silently
 *       drops undeclared ones, so one arriving here is recorded as a violation) → 201, Location
 *       {root}/queue/item/N/;</li>
 *   <li>GET /queue/item/N/api/json: waiting {why}, then left with executable {number, url}, or cancelled;
 *       GET /job/a/job/b/M/api/json: {number, building, result, url};</li>
 *   <li>POST /queue/cancelItem?id=N → 204; POST /job/a/job/b/M/stop → 302 to the build.</li>
 * </ul>
 * {@link #rootUrl(String)} plays a controller whose "Jenkins URL" setting names another host, as the
 * URLs in its answers then do.
 */
public final class JenkinsStandIn extends StandInServer {

    private static final Set<String> PARAMETERS = Set.of("ROLLBACK_MODEL_NAME", "ROLLBACK_DATASET_VERSION",
            "ROLLBACK_CONFIG_REF", "ROLLBACK_EMERGENCY", "ROLLBACK_ID");

    /** One queue item and, once it left the queue, its build. */
    public static final class Item {
        public final long id;
        public final Map<String, String> parameters;
        final List<String> buildSequence;
        int queueReads;
        boolean cancelled;
        Long build;
        int buildReads;
        boolean aborted;

        Item(long id, Map<String, String> parameters, List<String> buildSequence) {
            this.id = id;
            this.parameters = Map.copyOf(parameters);
            this.buildSequence = List.copyOf(buildSequence);
        }
    }

    private final String user;
    private final String apiToken;
    private final String jobPath;
    private final Map<String, String> crumbsBySession = new ConcurrentHashMap<>();
    private final Map<Long, Item> items = new ConcurrentHashMap<>();
    private final Map<Long, Item> itemsByBuild = new ConcurrentHashMap<>();
    private final AtomicLong nextItem = new AtomicLong(40);
    private final AtomicLong nextBuild = new AtomicLong(6);
    private volatile boolean crumbIssuer = true;
    private volatile int queueWaits = 1;
    private volatile List<String> buildSequence = List.of("building", "SUCCESS");
    private volatile String rootUrl;

    /** @param jobPath "ml/retrain" for job retrain in folder ml */
    public JenkinsStandIn(String user, String apiToken, String jobPath) {
        this.user = user;
        this.apiToken = apiToken;
        this.jobPath = jobPath;
    }

    public JenkinsStandIn withoutCrumbIssuer() {
        crumbIssuer = false;
        return this;
    }

    /** Queue reads answered "waiting" before the next item's build starts. */
    public void queueWaits(int reads) {
        queueWaits = reads;
    }

    /** What successive reads of the next build answer: "building" or a result (SUCCESS, UNSTABLE...). */
    public void buildSequence(String... states) {
        buildSequence = List.of(states);
    }

    /** The host Jenkins writes into URLs in its answers ("Jenkins URL" setting). */
    public void rootUrl(String url) {
        rootUrl = url;
    }

    public Item item(long id) {
        return items.get(id);
    }

    public String jobRawPath() {
        return Arrays.stream(jobPath.split("/")).map(s -> "/job/" + s).collect(Collectors.joining());
    }

    private String root() {
        return rootUrl != null ? rootUrl : uri().toString();
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        if (!request.header("Authorization").orElse("").equals(expected)) {
            return Reply.html(401, "Error 401 Invalid password/token for user: " + user);
        }
        String path = request.path();
        if (request.method().equals("GET") && path.equals("/crumbIssuer/api/json")) {
            return crumb();
        }
        if (request.method().equals("POST") && crumbIssuer && !validCrumb(request)) {
            return Reply.html(403, "Error 403 No valid crumb was included in the request");
        }
        String job = jobRawPath();
        if (request.method().equals("POST") && path.equals(job + "/buildWithParameters")) {
            return build(request);
        }
        if (request.method().equals("GET") && path.matches("/queue/item/\\d+/api/json")) {
            return queueItem(Long.parseLong(path.split("/")[3]));
        }
        if (request.method().equals("POST") && path.equals("/queue/cancelItem")) {
            Item item = items.get(Long.parseLong(request.queryParameters().getOrDefault("id", "-1")));
            if (item == null) {
                return Reply.html(404, "Error 404 Provided id not found");
            }
            synchronized (item) {
                item.cancelled = item.build == null;
            }
            return Reply.empty(204);
        }
        if (path.startsWith(job + "/") && path.substring(job.length()).matches("/\\d+/(api/json|stop)")) {
            return buildCall(request, Long.parseLong(path.substring(job.length()).split("/")[1]));
        }
        return Reply.html(404, "Error 404 Not Found");
    }

    private Reply crumb() {
        if (!crumbIssuer) {
            return Reply.html(404, "Error 404 Not Found");
        }
        String session = "node0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String crumb = UUID.randomUUID().toString().replace("-", "");
        crumbsBySession.put(session, crumb);
        return Reply.json(200, "{\"_class\":\"hudson.security.csrf.DefaultCrumbIssuer\",\"crumb\":\"" + crumb
                + "\",\"crumbRequestField\":\"Jenkins-Crumb\"}")
                .header("Set-Cookie", "JSESSIONID.4f2a1c3b=" + session + "; Path=/; HttpOnly");
    }

    private boolean validCrumb(RecordedRequest request) {
        String cookie = request.header("Cookie").orElse("");
        String session = Arrays.stream(cookie.split(";")).map(String::strip)
                .filter(c -> c.startsWith("JSESSIONID.4f2a1c3b=")).map(c -> c.substring(c.indexOf('=') + 1))
                .findFirst().orElse("");
        String crumb = crumbsBySession.get(session);
        return crumb != null && crumb.equals(request.header("Jenkins-Crumb").orElse(""));
    }

    private Reply build(RecordedRequest request) {
        check(request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded"),
                "buildWithParameters takes form parameters");
        Map<String, String> parameters = request.form();
        parameters.keySet().forEach(name -> check(PARAMETERS.contains(name),
                "parameter " + name + " is not declared by the job; Jenkins would drop it silently"));
        long id = nextItem.incrementAndGet();
        items.put(id, new Item(id, parameters, buildSequence));
        return Reply.empty(201).header("Location", root() + "/queue/item/" + id + "/");
    }

    private Reply queueItem(long id) {
        Item item = items.get(id);
        if (item == null) {
            return Reply.html(404, "Error 404 Not Found");
        }
        synchronized (item) {
            if (item.cancelled) {
                return Reply.json(200, "{\"_class\":\"hudson.model.Queue$LeftItem\",\"id\":" + id
                        + ",\"cancelled\":true,\"executable\":null}");
            }
            if (item.build == null && item.queueReads++ < queueWaits) {
                return Reply.json(200, "{\"_class\":\"hudson.model.Queue$WaitingItem\",\"id\":" + id + ",\"blocked\":false,"
                        + "\"buildable\":true,\"stuck\":false,\"why\":\"Waiting for next available executor\"}");
            }
            if (item.build == null) {
                item.build = nextBuild.incrementAndGet();
                itemsByBuild.put(item.build, item);
            }
            return Reply.json(200, "{\"_class\":\"hudson.model.Queue$LeftItem\",\"id\":" + id + ",\"cancelled\":false,"
                    + "\"executable\":{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowRun\",\"number\":" + item.build
                    + ",\"url\":\"" + root() + jobRawPath() + "/" + item.build + "/\"}}");
        }
    }

    private Reply buildCall(RecordedRequest request, long number) {
        Item item = itemsByBuild.get(number);
        if (item == null) {
            return Reply.html(404, "Error 404 Not Found");
        }
        String url = root() + jobRawPath() + "/" + number + "/";
        synchronized (item) {
            if (request.method().equals("POST") && request.path().endsWith("/stop")) {
                item.aborted = true;
                return Reply.empty(302).header("Location", url);
            }
            check(request.method().equals("GET"), "api/json is read with GET");
            String state = item.aborted ? "ABORTED" : item.buildSequence.get(Math.min(item.buildReads++, item.buildSequence.size() - 1));
            boolean building = state.equals("building");
            return Reply.json(200, "{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowRun\",\"number\":" + number
                    + ",\"building\":" + building + ",\"result\":" + (building ? "null" : "\"" + state + "\"")
                    + ",\"url\":\"" + url + "\"}");
        }
    }
}
