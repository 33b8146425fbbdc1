package dev.rollback.testsupport.ci;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STAND-IN for the hosted GitLab REST API v4, not GitLab itself: just enough of it, played locally, to
 * test the GitLab adapter. It follows GitLab's documentation:
 * <ul>
 *   <li>"Pipeline trigger tokens API: Trigger a pipeline with a token"
 *       (docs.gitlab.com/ee/api/pipeline_triggers.html, docs.gitlab.com/ci/triggers/):
 *       POST /api/v4/projects/:id/trigger/pipeline, :id the numeric id or the URL-encoded path, form fields
 *       token, ref, variables[KEY]; 201 with the pipeline; GitLab answers 404 both for an unknown project
 *       and for a token that is not one of its trigger tokens; 400 {"error": "token is missing"} and
 *       {"message": {"base": ["Reference not found"]}} for a missing field or unknown ref;</li>
 *   <li>"Pipelines API" (docs.gitlab.com/ee/api/pipelines.html): GET /projects/:id/pipelines/:pipeline_id
 *       and POST .../cancel, authenticated with PRIVATE-TOKEN (401 {"message": "401 Unauthorized"}
 *       otherwise), answering the pipeline {id, iid, project_id, status, ref, sha, source, web_url, ...}.</li>
 * </ul>
 * Status sequences are scripted per pipeline: each GET answers the next status and stays on the last.
 */
public final class GitLabStandIn extends StandInServer {

    private static final Pattern PROJECT_ROUTE = Pattern.compile("/api/v4/projects/([^/]+)(/.*)");
    private static final Pattern PIPELINE = Pattern.compile("/pipelines/(\\d+)");
    private static final Pattern CANCEL = Pattern.compile("/pipelines/(\\d+)/cancel");
    private static final Pattern VARIABLE = Pattern.compile("variables\\[([A-Za-z0-9_]+)]");

    /** One pipeline the stand-in created. */
    public static final class Pipeline {
        public final long id;
        public final String ref;
        public final Map<String, String> variables;
        final List<String> statuses;
        int reads;
        boolean canceled;

        Pipeline(long id, String ref, Map<String, String> variables, List<String> statuses) {
            this.id = id;
            this.ref = ref;
            this.variables = Map.copyOf(variables);
            this.statuses = List.copyOf(statuses);
        }

        String current() {
            return canceled ? "canceled" : statuses.get(Math.min(reads, statuses.size() - 1));
        }
    }

    private final String projectPath;
    private final long projectId;
    private final String triggerToken;
    private final String apiToken;
    private final Set<String> refs = ConcurrentHashMap.newKeySet();
    private final Map<Long, Pipeline> pipelines = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1000);
    private volatile List<String> nextStatuses = List.of("pending", "running", "success");

    public GitLabStandIn(String projectPath, long projectId, String triggerToken, String apiToken) {
        this.projectPath = projectPath;
        this.projectId = projectId;
        this.triggerToken = triggerToken;
        this.apiToken = apiToken;
        refs.add("main");
    }

    /** What successive GETs of the next pipeline answer. */
    public void statusesOfNextPipeline(String... statuses) {
        nextStatuses = List.of(statuses);
    }

    public Pipeline pipeline(long id) {
        return pipelines.get(id);
    }

    public String webUrl(long id) {
        return uri() + "/" + projectPath + "/-/pipelines/" + id;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        Matcher route = PROJECT_ROUTE.matcher(request.path());
        if (!route.matches()) {
            return Reply.json(404, "{\"error\":\"404 Not Found\"}");
        }
        String project = URLDecoder.decode(route.group(1), StandardCharsets.UTF_8);
        if (!project.equals(projectPath) && !project.equals(Long.toString(projectId))) {
            return Reply.json(404, "{\"message\":\"404 Project Not Found\"}");
        }
        String rest = route.group(2);
        if (request.method().equals("POST") && rest.equals("/trigger/pipeline")) {
            return trigger(request);
        }
        Matcher get = PIPELINE.matcher(rest);
        if (request.method().equals("GET") && get.matches()) {
            return withApiToken(request, Long.parseLong(get.group(1)), false);
        }
        Matcher cancel = CANCEL.matcher(rest);
        if (request.method().equals("POST") && cancel.matches()) {
            return withApiToken(request, Long.parseLong(cancel.group(1)), true);
        }
        return Reply.json(404, "{\"error\":\"404 Not Found\"}");
    }

    private Reply trigger(RecordedRequest request) {
        check(request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded"),
                "the trigger takes form fields (application/x-www-form-urlencoded)");
        check(request.header("PRIVATE-TOKEN").isEmpty() && request.header("Authorization").isEmpty(),
                "the trigger authenticates with the token field only; no API token belongs on it");
        Map<String, String> form = request.form();
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : form.entrySet()) {
            Matcher variable = VARIABLE.matcher(field.getKey());
            if (variable.matches()) {
                variables.put(variable.group(1), field.getValue());
            } else {
                check(Set.of("token", "ref").contains(field.getKey()), "unknown form field " + field.getKey()
                        + " (documented: token, ref, variables[KEY], inputs[KEY])");
            }
        }
        if (!form.containsKey("token")) {
            return Reply.json(400, "{\"error\":\"token is missing\"}");
        }
        if (!form.containsKey("ref")) {
            return Reply.json(400, "{\"error\":\"ref is missing\"}");
        }
        if (!form.get("token").equals(triggerToken)) {
            return Reply.json(404, "{\"message\":\"404 Not Found\"}");
        }
        if (!refs.contains(form.get("ref"))) {
            return Reply.json(400, "{\"message\":{\"base\":[\"Reference not found\"]}}");
        }
        long id = nextId.incrementAndGet();
        Pipeline pipeline = new Pipeline(id, form.get("ref"), variables, new ArrayList<>(nextStatuses));
        pipelines.put(id, pipeline);
        return Reply.json(201, body(pipeline, "created"));
    }

    private Reply withApiToken(RecordedRequest request, long id, boolean cancel) {
        if (!request.header("PRIVATE-TOKEN").orElse("").equals(apiToken)) {
            return Reply.json(401, "{\"message\":\"401 Unauthorized\"}");
        }
        Pipeline pipeline = pipelines.get(id);
        if (pipeline == null) {
            return Reply.json(404, "{\"message\":\"404 Not found\"}");
        }
        synchronized (pipeline) {
            if (cancel) {
                // GitLab answers 200 with the pipeline, also when it had already finished.
                if (!Set.of("success", "failed", "canceled", "skipped").contains(pipeline.current())) {
                    pipeline.canceled = true;
                }
                return Reply.json(200, body(pipeline, pipeline.current()));
            }
            String status = pipeline.current();
            pipeline.reads++;
            return Reply.json(200, body(pipeline, status));
        }
    }

    private String body(Pipeline p, String status) {
        return "{\"id\":" + p.id + ",\"iid\":" + (p.id - 999) + ",\"project_id\":" + projectId + ",\"sha\":"
                + "\"a91957a858320c0e17f3a0eca7cfacbff50ea29a\",\"ref\":\"" + p.ref + "\",\"status\":\"" + status
                + "\",\"source\":\"trigger\",\"created_at\":\"" + Instant.now() + "\",\"web_url\":\"" + webUrl(p.id) + "\"}";
    }
}
