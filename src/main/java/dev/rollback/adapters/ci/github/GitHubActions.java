package dev.rollback.adapters.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiCall;
import dev.rollback.adapters.ci.CiHttp;
import dev.rollback.adapters.ci.CiRequest;
import dev.rollback.adapters.ci.CiResponse;
import dev.rollback.adapters.ci.Json;
import dev.rollback.adapters.ci.Secrets;
import dev.rollback.adapters.ci.TokenSource;
import dev.rollback.adapters.ci.UrlPaths;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.PipelineStatus;
import dev.rollback.core.retrain.RequestPreview;
import dev.rollback.core.retrain.RetrainParameters;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Actions: a workflow_dispatch event (POST /repos/{o}/{r}/actions/workflows/{wf}/dispatches)
 * with the variables as lower-case string inputs and return_run_details, so GitHub answers 200 with the
 * run; servers without that answer 204 and the run is looked up ({@link GitHubRunFinder}). One token
 * (actions:write, which includes reading runs) for everything.
 */
public final class GitHubActions implements CiSystem {

    public static final String SYSTEM = "github";
    static final String API_VERSION = "2022-11-28";
    /** How often, and how far apart, the run list is read after a 204 before giving the run a placeholder id. */
    static final int FIND_ATTEMPTS = 5;
    static final Duration FIND_DELAY = Duration.ofSeconds(2);

    private final URI url;
    private final String owner;
    private final String repo;
    private final String workflow;
    private final String ref;
    private final TokenSource token;
    private final CiHttp http;

    public GitHubActions(URI url, String project, String workflow, String ref, TokenSource token, CiHttp http) {
        String[] parts = project.split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("GitHub project must be owner/repo, got '" + project + "'");
        }
        this.url = url;
        this.owner = parts[0];
        this.repo = parts[1];
        this.workflow = workflow;
        this.ref = ref;
        this.token = token;
        this.http = http;
    }

    @Override
    public String describe() {
        return "GitHub Actions workflow " + workflow + " of " + owner + "/" + repo + " at " + UrlPaths.base(url) + " (ref " + ref + ")";
    }

    @Override
    public RequestPreview preview(RetrainParameters parameters) {
        return dispatchRequest(parameters, Secrets.masked()).preview();
    }

    @Override
    public PipelineRun trigger(RetrainParameters parameters) {
        Instant dispatchedAt = http.runtime().clock().instant();
        CiCall call = call("has actions:write on " + owner + "/" + repo, "GitHub workflow " + workflow + " of "
                + owner + "/" + repo + " not found at " + UrlPaths.base(url) + " (or the token cannot see it): check"
                + " services.<svc>.ci.project and .workflow");
        CiResponse response = http.send(dispatchRequest(parameters, Secrets.revealed()), call);
        if (response.status() == 200) {
            Optional<JsonNode> details = Json.tryParse(response.body());
            Optional<String> runId = details.flatMap(d -> Json.text(d, "workflow_run_id"));
            if (runId.isPresent()) {
                return new PipelineRun(SYSTEM, runId.get(), details.flatMap(d -> Json.text(d, "html_url")).orElse(""));
            }
        }
        DispatchedRun dispatched = new DispatchedRun(dispatchedAt, parameters.rollbackId());
        for (int attempt = 1; attempt <= FIND_ATTEMPTS; attempt++) {
            Optional<JsonNode> run = findOnce(dispatched);
            if (run.isPresent()) {
                return asRun(run.get());
            }
            if (attempt < FIND_ATTEMPTS) {
                http.pause(FIND_DELAY, call);
            }
        }
        // Started, but not listed yet: a placeholder id that status() and cancel() resolve later.
        return new PipelineRun(SYSTEM, dispatched.id(), workflowPage());
    }

    private CiRequest dispatchRequest(RetrainParameters parameters, Secrets secrets) {
        Map<String, String> inputs = new LinkedHashMap<>();
        parameters.asVariables().forEach((name, value) -> inputs.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("inputs", inputs);
        body.put("return_run_details", true);
        return authorized(CiRequest.post(repoUri("/actions/workflows/" + UrlPaths.segment(workflow) + "/dispatches"), secrets),
                secrets).json(Json.write(body)).build();
    }

    @Override
    public boolean canFollow() {
        return true;
    }

    @Override
    public PipelineStatus status(PipelineRun run) {
        Optional<DispatchedRun> dispatched = DispatchedRun.parse(run.id());
        String runId = run.id();
        if (dispatched.isPresent()) {
            Optional<JsonNode> found = findOnce(dispatched.get());
            if (found.isEmpty()) {
                return new PipelineStatus(PipelineStatus.State.PENDING, "dispatched; GitHub has not listed the run yet", run);
            }
            runId = Json.text(found.get(), "id").orElseThrow();
        }
        CiCall call = call("has actions:read on " + owner + "/" + repo, "GitHub workflow run " + runId + " of "
                + owner + "/" + repo + " not found (or the token cannot see it)");
        Secrets secrets = Secrets.revealed();
        JsonNode body = Json.parse(http.send(authorized(CiRequest.get(repoUri("/actions/runs/" + numeric(runId)), secrets),
                secrets).build(), call), call);
        String status = Json.required(body, "status", call);
        String conclusion = Json.text(body, "conclusion").orElse(null);
        return new PipelineStatus(GitHubRunStates.of(status, conclusion), GitHubRunStates.detail(status, conclusion),
                new PipelineRun(SYSTEM, runId, Json.text(body, "html_url").orElse(run.url())));
    }

    @Override
    public boolean canCancel() {
        return true;
    }

    /** 202 when accepted; 409 when the run already completed, which is harmless. */
    @Override
    public void cancel(PipelineRun run) {
        String runId = run.id();
        Optional<DispatchedRun> dispatched = DispatchedRun.parse(runId);
        if (dispatched.isPresent()) {
            runId = findOnce(dispatched.get()).flatMap(found -> Json.text(found, "id")).orElseThrow(() -> new CiException(
                    CiException.Kind.NOT_FOUND, "GitHub has not listed the dispatched run yet, so it cannot be cancelled"
                            + " from here: try again in a minute, or cancel it at " + workflowPage()));
        }
        CiCall call = call("has actions:write on " + owner + "/" + repo, "GitHub workflow run " + runId + " of "
                + owner + "/" + repo + " not found (or the token cannot see it)");
        Secrets secrets = Secrets.revealed();
        http.send(authorized(CiRequest.post(repoUri("/actions/runs/" + numeric(runId) + "/cancel"), secrets), secrets).build(),
                call, status -> status == 409);
    }

    private Optional<JsonNode> findOnce(DispatchedRun dispatched) {
        CiCall call = call("has actions:read on " + owner + "/" + repo, "GitHub workflow " + workflow + " of "
                + owner + "/" + repo + " not found (or the token cannot see it)");
        String query = "?event=workflow_dispatch&branch=" + UrlPaths.query(branch()) + "&per_page=20";
        Secrets secrets = Secrets.revealed();
        CiRequest list = authorized(CiRequest.get(repoUri("/actions/workflows/" + UrlPaths.segment(workflow) + "/runs" + query),
                secrets), secrets).build();
        return GitHubRunFinder.choose(Json.parse(http.send(list, call), call), dispatched.at(), dispatched.rollbackId());
    }

    private PipelineRun asRun(JsonNode run) {
        return new PipelineRun(SYSTEM, Json.text(run, "id").orElseThrow(), Json.text(run, "html_url").orElse(""));
    }

    private CiRequest.Builder authorized(CiRequest.Builder builder, Secrets secrets) {
        return builder.header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + secrets.token(token))
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    private CiCall call(String authHint, String notFound) {
        return new CiCall("GitHub", UrlPaths.base(url), "token", authHint, notFound);
    }

    /** Runs list under the branch name: a dispatch on refs/heads/main runs with head_branch "main". */
    private String branch() {
        return ref.replaceFirst("^refs/(heads|tags)/", "");
    }

    private URI repoUri(String suffix) {
        return UrlPaths.under(url, "/repos/" + UrlPaths.segment(owner) + "/" + UrlPaths.segment(repo) + suffix);
    }

    private static String numeric(String runId) {
        if (!runId.matches("\\d+")) {
            throw new IllegalArgumentException("not a GitHub workflow run id: " + runId);
        }
        return runId;
    }

    /** Where a person sees the workflow's runs: github.com for api.github.com, https://host for https://host/api/v3. */
    private String workflowPage() {
        String base = UrlPaths.base(url);
        String web = base.equals("https://api.github.com") ? "https://github.com" : base.replaceFirst("/api/v3$", "");
        return web + "/" + owner + "/" + repo + "/actions";
    }

    @Override
    public String toString() {
        return describe();
    }
}
