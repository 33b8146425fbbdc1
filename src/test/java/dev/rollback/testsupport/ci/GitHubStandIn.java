package dev.rollback.testsupport.ci;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A STAND-IN for the hosted GitHub REST API (Actions), not GitHub itself. It follows GitHub's documentation
 * (docs.github.com/en/rest/actions/workflows and /rest/actions/workflow-runs, API version 2022-11-28):
 * <ul>
 *   <li>every call: "Authorization: Bearer TOKEN" (401 {"message": "Bad credentials"} otherwise),
 *       "Accept: application/vnd.github+json" and "X-GitHub-Api-Version: 2022-11-28" as the docs' examples;</li>
 *   <li>"Create a workflow dispatch event": POST /repos/{o}/{r}/actions/workflows/{wf}/dispatches, JSON
 *       {ref, inputs (string values, at most 25, only declared ones, else 422), return_run_details};
 *       204 without a body, or, when return_run_details is true, 200 {workflow_run_id, run_url, html_url}
 *       (changelog 2026-02-19 "Workflow dispatch API now returns run IDs"); {@link #withoutRunDetails()}
 *       plays a server that predates that and always answers 204;</li>
 *   <li>"List workflow runs for a workflow": GET .../workflows/{wf}/runs?event=&branch=&per_page= →
 *       {total_count, workflow_runs: [...]}, newest first; "Get a workflow run": GET .../actions/runs/{id};
 *       "Cancel a workflow run": POST .../actions/runs/{id}/cancel → 202, 409 when it already completed.</li>
 * </ul>
 * A run's status sequence is scripted ("queued", "in_progress", "completed/success"); each GET answers
 * the next and stays on the last. A new run can be kept out of the list for the first N list calls, as
 * GitHub creates runs asynchronously after a 204.
 */
public final class GitHubStandIn extends StandInServer {

    public static final Set<String> ROLLBACK_INPUTS = Set.of("rollback_model_name", "rollback_dataset_version",
            "rollback_config_ref", "rollback_emergency", "rollback_id");

    private final String owner;
    private final String repo;
    private final String workflow;
    private final String token;
    private final Map<Long, GitHubRun> runs = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(9_000_000_000L);
    private final AtomicInteger listCalls = new AtomicInteger();
    private volatile boolean runDetails = true;
    private volatile int hideNewRunsForLists;
    private volatile boolean titleWithRollbackId;
    private volatile List<String> nextStatuses = List.of("queued", "in_progress", "completed/success");

    public GitHubStandIn(String owner, String repo, String workflow, String token) {
        this.owner = owner;
        this.repo = repo;
        this.workflow = workflow;
        this.token = token;
    }

    /** Answer 204 to every dispatch, as servers without return_run_details do. */
    public GitHubStandIn withoutRunDetails() {
        runDetails = false;
        return this;
    }

    /** New runs appear in run lists only from the (n+1)-th list call on; n = MAX_VALUE: never. */
    public void hideNewRunsForLists(int n) {
        hideNewRunsForLists = n;
    }

    /** Every run so far shows in run lists from now on (GitHub caught up). */
    public void revealRuns() {
        runs.values().forEach(r -> r.hiddenForLists = 0);
    }

    /** New runs are titled with their rollback_id input, as a workflow with run-name: ${{ inputs.rollback_id }}. */
    public void titleRunsWithRollbackId() {
        titleWithRollbackId = true;
    }

    public void statusesOfNextRun(String... statuses) {
        nextStatuses = List.of(statuses);
    }

    /** A run somebody else started (an older one, or a colleague's at the same moment). */
    public GitHubRun seedRun(Instant createdAt, String branch, String title, String... statuses) {
        GitHubRun run = new GitHubRun(nextId.incrementAndGet(), createdAt, branch, title, Map.of(),
                statuses.length == 0 ? List.of("completed/success") : List.of(statuses), 0);
        runs.put(run.id, run);
        return run;
    }

    public List<GitHubRun> runs() {
        return runs.values().stream().sorted(Comparator.comparingLong(r -> r.id)).toList();
    }

    public String runsPath() {
        return "/repos/" + owner + "/" + repo + "/actions/workflows/" + workflow + "/runs";
    }

    public String dispatchPath() {
        return "/repos/" + owner + "/" + repo + "/actions/workflows/" + workflow + "/dispatches";
    }

    public String runPath(long id) {
        return "/repos/" + owner + "/" + repo + "/actions/runs/" + id;
    }

    public static String htmlUrl(String owner, String repo, long id) {
        return "https://github.com/" + owner + "/" + repo + "/actions/runs/" + id;
    }

    @Override
    protected Reply handle(RecordedRequest request) {
        check(request.header("Accept").orElse("").equals("application/vnd.github+json"),
                "send Accept: application/vnd.github+json");
        check(request.header("X-GitHub-Api-Version").orElse("").equals("2022-11-28"),
                "send X-GitHub-Api-Version: 2022-11-28");
        if (!request.header("Authorization").orElse("").equals("Bearer " + token)) {
            return Reply.json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
        }
        String path = request.path();
        if (request.method().equals("POST") && path.equals(dispatchPath())) {
            return dispatch(request);
        }
        if (request.method().equals("GET") && path.equals(runsPath())) {
            return list(request);
        }
        String runs = "/repos/" + owner + "/" + repo + "/actions/runs/";
        if (path.startsWith(runs)) {
            String rest = path.substring(runs.length());
            if (request.method().equals("GET") && rest.matches("\\d+")) {
                return getRun(Long.parseLong(rest));
            }
            if (request.method().equals("POST") && rest.matches("\\d+/cancel")) {
                return cancel(Long.parseLong(rest.substring(0, rest.indexOf('/'))));
            }
        }
        return notFound();
    }

    private Reply dispatch(RecordedRequest request) {
        check(request.header("Content-Type").orElse("").startsWith("application/json"), "the body is JSON");
        JsonNode body = request.json();
        check(body.isObject(), "the body is a JSON object");
        body.fieldNames().forEachRemaining(f -> check(Set.of("ref", "inputs", "return_run_details").contains(f),
                "undocumented body parameter " + f));
        check(!body.has("return_run_details") || body.get("return_run_details").isBoolean(), "return_run_details is a boolean");
        if (!body.path("ref").isTextual()) {
            return Reply.json(422, "{\"message\":\"Invalid request.\\n\\n\\\"ref\\\" wasn't supplied.\"}");
        }
        String ref = body.get("ref").asText();
        if (!ref.equals("main") && !ref.equals("refs/heads/main")) {
            return Reply.json(422, "{\"message\":\"No ref found for: " + ref + "\"}");
        }
        JsonNode inputs = body.path("inputs");
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, JsonNode> input : inputs.properties()) {
            if (!input.getValue().isTextual()) {
                return Reply.json(422, "{\"message\":\"For 'properties/" + input.getKey() + "', is not a string.\"}");
            }
            if (!ROLLBACK_INPUTS.contains(input.getKey())) {
                unexpected.add("\\\"" + input.getKey() + "\\\"");
            }
            values.put(input.getKey(), input.getValue().asText());
        }
        if (values.size() > 25) {
            return Reply.json(422, "{\"message\":\"inputs are limited to 25\"}");
        }
        if (!unexpected.isEmpty()) {
            return Reply.json(422, "{\"message\":\"Unexpected inputs provided: [" + String.join(", ", unexpected) + "]\"}");
        }
        String branch = ref.replaceFirst("^refs/heads/", "");
        String title = titleWithRollbackId ? "Retrain " + values.getOrDefault("rollback_id", "") : "Retrain";
        GitHubRun run = new GitHubRun(nextId.incrementAndGet(), Instant.now().truncatedTo(ChronoUnit.SECONDS), branch, title, values,
                nextStatuses, hideNewRunsForLists);
        runs.put(run.id, run);
        if (runDetails && body.path("return_run_details").asBoolean(false)) {
            return Reply.json(200, "{\"workflow_run_id\":" + run.id + ",\"run_url\":\"" + uri() + runPath(run.id)
                    + "\",\"html_url\":\"" + htmlUrl(owner, repo, run.id) + "\"}");
        }
        return Reply.empty(204);
    }

    private Reply list(RecordedRequest request) {
        Map<String, String> query = request.queryParameters();
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        check(perPage >= 1 && perPage <= 100, "per_page is at most 100");
        int call = listCalls.incrementAndGet();
        List<GitHubRun> listed = runs.values().stream()
                .filter(r -> call > r.hiddenForLists)
                .filter(r -> !query.containsKey("branch") || query.get("branch").equals(r.branch))
                .filter(r -> !query.containsKey("event") || query.get("event").equals("workflow_dispatch"))
                .sorted(Comparator.comparing((GitHubRun r) -> r.createdAt).reversed())
                .limit(perPage).toList();
        StringBuilder json = new StringBuilder("{\"total_count\":" + listed.size() + ",\"workflow_runs\":[");
        for (int i = 0; i < listed.size(); i++) {
            json.append(i == 0 ? "" : ",").append(runJson(listed.get(i), listed.get(i).current()));
        }
        return Reply.json(200, json.append("]}").toString());
    }

    private Reply getRun(long id) {
        GitHubRun run = runs.get(id);
        if (run == null) {
            return notFound();
        }
        synchronized (run) {
            String state = run.current();
            run.reads++;
            return Reply.json(200, runJson(run, state));
        }
    }

    private Reply cancel(long id) {
        GitHubRun run = runs.get(id);
        if (run == null) {
            return notFound();
        }
        synchronized (run) {
            if (run.current().startsWith("completed")) {
                return Reply.json(409, "{\"message\":\"Cannot cancel a workflow run that is completed.\",\"status\":\"409\"}");
            }
            run.cancelled = true;
            return Reply.json(202, "{}");
        }
    }

    private String runJson(GitHubRun run, String state) {
        String[] parts = state.split("/", 2);
        String conclusion = parts.length > 1 ? "\"" + parts[1] + "\"" : "null";
        return "{\"id\":" + run.id + ",\"name\":\"retrain\",\"display_title\":\"" + run.title + "\",\"event\":\"workflow_dispatch\","
                + "\"head_branch\":\"" + run.branch + "\",\"status\":\"" + parts[0] + "\",\"conclusion\":" + conclusion
                + ",\"created_at\":\"" + run.createdAt + "\",\"url\":\"" + uri() + runPath(run.id) + "\",\"html_url\":\""
                + htmlUrl(owner, repo, run.id) + "\"}";
    }

    private static Reply notFound() {
        return Reply.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}");
    }
}
