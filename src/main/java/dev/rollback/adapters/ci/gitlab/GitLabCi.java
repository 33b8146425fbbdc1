package dev.rollback.adapters.ci.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiCall;
import dev.rollback.adapters.ci.CiHttp;
import dev.rollback.adapters.ci.CiRequest;
import dev.rollback.adapters.ci.FormBody;
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
import java.util.Map;

/**
 * GitLab CI: triggers with a pipeline trigger token (POST /projects/:id/trigger/pipeline, form fields
 * token, ref, variables[KEY]), follows and cancels with an API token in PRIVATE-TOKEN, because a trigger
 * token cannot read pipelines. Without an API token the run is started but cannot be followed.
 */
public final class GitLabCi implements CiSystem {

    public static final String SYSTEM = "gitlab";

    private final URI url;
    private final String project;
    private final String ref;
    private final TokenSource triggerToken;
    private final TokenSource apiToken;
    private final CiHttp http;

    public GitLabCi(URI url, String project, String ref, TokenSource triggerToken, TokenSource apiToken, CiHttp http) {
        this.url = url;
        this.project = project;
        this.ref = ref;
        this.triggerToken = triggerToken;
        this.apiToken = apiToken;
        this.http = http;
    }

    @Override
    public String describe() {
        return "GitLab project " + project + " at " + UrlPaths.base(url) + " (ref " + ref + ")";
    }

    @Override
    public RequestPreview preview(RetrainParameters parameters) {
        return triggerRequest(parameters, Secrets.masked()).preview();
    }

    @Override
    public PipelineRun trigger(RetrainParameters parameters) {
        CiCall call = new CiCall("GitLab", UrlPaths.base(url), "trigger token", "is one of project " + project
                + "'s pipeline trigger tokens (Settings > CI/CD > Pipeline trigger tokens)", "GitLab project " + project
                + " not found at " + UrlPaths.base(url) + ", or the trigger token is not one of its trigger tokens"
                + " (GitLab answers 404 for both): check services.<svc>.ci.project and the token");
        JsonNode pipeline = Json.parse(http.send(triggerRequest(parameters, Secrets.revealed()), call), call);
        return new PipelineRun(SYSTEM, Json.required(pipeline, "id", call), Json.text(pipeline, "web_url").orElse(""));
    }

    private CiRequest triggerRequest(RetrainParameters parameters, Secrets secrets) {
        FormBody form = new FormBody().add("token", secrets.token(triggerToken)).add("ref", ref);
        for (Map.Entry<String, String> variable : parameters.asVariables().entrySet()) {
            form.add("variables[" + variable.getKey() + "]", variable.getValue());
        }
        return CiRequest.post(projectUri("/trigger/pipeline"), secrets).form(form).build();
    }

    /** Only with an API token: a trigger token cannot read pipelines. */
    @Override
    public boolean canFollow() {
        return apiToken.configured();
    }

    @Override
    public PipelineStatus status(PipelineRun run) {
        String id = pipelineId(run, "follow");
        CiCall call = apiCall(id, "has the read_api scope and at least Reporter access to " + project);
        Secrets secrets = Secrets.revealed();
        CiRequest request = CiRequest.get(projectUri("/pipelines/" + id), secrets)
                .header("PRIVATE-TOKEN", secrets.token(apiToken)).build();
        JsonNode pipeline = Json.parse(http.send(request, call), call);
        String status = Json.required(pipeline, "status", call);
        PipelineRun current = new PipelineRun(SYSTEM, id, Json.text(pipeline, "web_url").orElse(run.url()));
        return new PipelineStatus(GitLabStates.of(status), status, current);
    }

    @Override
    public boolean canCancel() {
        return apiToken.configured();
    }

    /** GitLab answers 200 even for a pipeline that already finished: harmless, as the port wants. */
    @Override
    public void cancel(PipelineRun run) {
        String id = pipelineId(run, "cancel");
        CiCall call = apiCall(id, "has the api scope (read_api cannot cancel) and at least Developer access to " + project);
        Secrets secrets = Secrets.revealed();
        http.send(CiRequest.post(projectUri("/pipelines/" + id + "/cancel"), secrets)
                .header("PRIVATE-TOKEN", secrets.token(apiToken)).build(), call);
    }

    private CiCall apiCall(String pipelineId, String authHint) {
        return new CiCall("GitLab", UrlPaths.base(url), "API token", authHint, "GitLab pipeline " + pipelineId
                + " of project " + project + " not found at " + UrlPaths.base(url) + " (or the API token cannot see it)");
    }

    private String pipelineId(PipelineRun run, String verb) {
        if (!SYSTEM.equals(run.system()) || !run.id().matches("\\d+")) {
            throw new IllegalArgumentException("not a GitLab pipeline: " + run);
        }
        if (!apiToken.configured()) {
            throw new CiException(CiException.Kind.AUTH, "cannot " + verb + " GitLab pipeline " + run.id()
                    + ": a trigger token cannot read pipelines; name a variable holding a token with the read_api scope"
                    + " (api to cancel) with services.<svc>.ci.apiTokenEnv (or a file with apiTokenFile)");
        }
        return run.id();
    }

    /** /api/v4/projects/ml%2Frecsys-training + suffix: a project path is one URL-encoded segment. */
    private URI projectUri(String suffix) {
        return UrlPaths.under(url, "/api/v4/projects/" + UrlPaths.segment(project) + suffix);
    }

    @Override
    public String toString() {
        return describe();
    }
}
