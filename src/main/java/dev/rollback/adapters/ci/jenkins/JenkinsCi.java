package dev.rollback.adapters.ci.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.ci.CiCall;
import dev.rollback.adapters.ci.CiHttp;
import dev.rollback.adapters.ci.CiRequest;
import dev.rollback.adapters.ci.CiRequest.Header;
import dev.rollback.adapters.ci.CiResponse;
import dev.rollback.adapters.ci.FormBody;
import dev.rollback.adapters.ci.Json;
import dev.rollback.adapters.ci.Secrets;
import dev.rollback.adapters.ci.TokenSource;
import dev.rollback.adapters.ci.UrlPaths;
import dev.rollback.core.retrain.CiException;
import dev.rollback.core.retrain.CiSystem;
import dev.rollback.core.retrain.PipelineRun;
import dev.rollback.core.retrain.PipelineStatus;
import dev.rollback.core.retrain.PipelineStatus.State;
import dev.rollback.core.retrain.RequestPreview;
import dev.rollback.core.retrain.RetrainParameters;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Jenkins: POST /job/a/job/b/buildWithParameters (the variables as form parameters, Basic auth with the
 * user's API token, plus a crumb) → 201 with Location .../queue/item/N/; the queue item later names the
 * build. Queue item and build URLs are built from the configured url, never taken from Jenkins' answers:
 * Jenkins writes them with its own "Jenkins URL" setting, which may be another host, and the Basic
 * credentials must not follow them there.
 */
public final class JenkinsCi implements CiSystem {

    public static final String SYSTEM = "jenkins";

    private final URI url;
    private final String job;
    private final String user;
    private final TokenSource token;
    private final CiHttp http;

    public JenkinsCi(URI url, String job, String user, TokenSource token, CiHttp http) {
        this.url = url;
        this.job = job;
        this.user = user;
        this.token = token;
        this.http = http;
    }

    @Override
    public String describe() {
        return "Jenkins job " + job + " at " + UrlPaths.base(url) + " (as " + user + ")";
    }

    @Override
    public RequestPreview preview(RetrainParameters parameters) {
        return triggerRequest(parameters, Secrets.masked()).withHeaders(JenkinsCrumbs.masked()).preview();
    }

    @Override
    public PipelineRun trigger(RetrainParameters parameters) {
        Secrets secrets = Secrets.revealed();
        CiCall call = call("the user may build job " + job + " (Job/Build permission)",
                "Jenkins job " + job + " not found at " + UrlPaths.base(url) + " (or " + user + " cannot see it): check"
                        + " services.<svc>.ci.job (folders as a/b)");
        CiRequest request = triggerRequest(parameters, secrets).withHeaders(crumb(secrets, call));
        // 201: queued; 302/303: Jenkins coalesced this with an identical build already waiting in the queue.
        CiResponse response = http.send(request, call, status -> status == 302 || status == 303);
        Long item = response.header("Location").flatMap(JenkinsRunId::queueItemIn).orElseThrow(() -> new CiException(
                CiException.Kind.REJECTED, "Jenkins answered " + response.status() + " but queued no build of " + job
                        + " (is the job disabled, or not parameterized?): check it at " + jobUrl()));
        return new PipelineRun(SYSTEM, JenkinsRunId.queue(item), queueUrl(item));
    }

    private CiRequest triggerRequest(RetrainParameters parameters, Secrets secrets) {
        FormBody form = new FormBody();
        parameters.asVariables().forEach(form::add);
        return CiRequest.post(URI.create(jobUrl() + "buildWithParameters"), secrets)
                .header("Authorization", secrets.basic(user, token)).form(form).build();
    }

    @Override
    public boolean canFollow() {
        return true;
    }

    @Override
    public PipelineStatus status(PipelineRun run) {
        JenkinsRunId id = JenkinsRunId.parse(run);
        return id.queued() ? queueStatus(id.number(), run) : buildStatus(id.number());
    }

    private PipelineStatus queueStatus(long item, PipelineRun run) {
        CiCall call = call("the user may read job " + job, "Jenkins queue item " + item + " is gone: Jenkins forgets"
                + " queue items minutes after the build starts; follow the build run from an earlier status instead");
        JsonNode queued = getJson(queueUrl(item) + "api/json", call);
        if (queued.path("cancelled").asBoolean(false)) {
            return new PipelineStatus(State.CANCELED, "cancelled in the queue", run);
        }
        JsonNode executable = queued.path("executable");
        if (executable.hasNonNull("number")) {
            return buildStatus(executable.get("number").asLong());
        }
        String why = Json.text(queued, "why").orElse("waiting in the queue");
        return new PipelineStatus(State.PENDING, "queued: " + why, run);
    }

    private PipelineStatus buildStatus(long number) {
        CiCall call = call("the user may read job " + job, "Jenkins build " + number + " of job " + job
                + " not found (deleted, or discarded by the job's build retention)");
        JsonNode build = getJson(buildUrl(number) + "api/json", call);
        PipelineRun run = new PipelineRun(SYSTEM, JenkinsRunId.build(number), buildUrl(number));
        String result = Json.text(build, "result").orElse(null);
        if (build.path("building").asBoolean(false) || result == null) {
            return new PipelineStatus(State.RUNNING, "building", run);
        }
        return new PipelineStatus(JenkinsResults.of(result), result, run);
    }

    @Override
    public boolean canCancel() {
        return true;
    }

    /**
     * Still queued: cancel the queue item, then look again, because it may have left the queue in between
     * (Jenkins then answers 404 or 422 depending on its version) and its build must be stopped instead.
     * Building: stop the build. Finished: nothing to do.
     */
    @Override
    public void cancel(PipelineRun run) {
        PipelineStatus now = status(run);
        if (now.state().finished()) {
            return;
        }
        JenkinsRunId id = JenkinsRunId.parse(now.run());
        if (id.queued()) {
            post(URI.create(UrlPaths.base(url) + "/queue/cancelItem?id=" + id.number()), "queue item " + id.number(),
                    status -> status == 302 || status == 303 || status == 404 || status == 422);
            now = status(now.run());
            id = JenkinsRunId.parse(now.run());
            if (now.state().finished() || id.queued()) {
                return;
            }
        }
        post(URI.create(buildUrl(id.number()) + "stop"), "build " + id.number(), status -> status == 302 || status == 303);
    }

    /** A POST with crumb; older Jenkins versions answer cancel and stop with a redirect, newer ones 204. */
    private void post(URI target, String what, IntPredicate alsoAccept) {
        Secrets secrets = Secrets.revealed();
        CiCall call = call("the user may cancel builds of job " + job + " (Job/Cancel permission)",
                "Jenkins " + what + " of job " + job + " not found");
        CiRequest request = CiRequest.post(target, secrets).header("Authorization", secrets.basic(user, token)).build()
                .withHeaders(crumb(secrets, call));
        http.send(request, call, alsoAccept);
    }

    private List<Header> crumb(Secrets secrets, CiCall call) {
        return JenkinsCrumbs.fetch(http, URI.create(UrlPaths.base(url) + "/crumbIssuer/api/json"),
                secrets.basic(user, token), secrets, call);
    }

    private JsonNode getJson(String address, CiCall call) {
        Secrets secrets = Secrets.revealed();
        CiRequest request = CiRequest.get(URI.create(address), secrets).header("Authorization", secrets.basic(user, token)).build();
        return Json.parse(http.send(request, call), call);
    }

    private CiCall call(String authHint, String notFound) {
        return new CiCall("Jenkins", UrlPaths.base(url), "API token of user " + user, authHint, notFound);
    }

    /** base/job/a/job/b/ for job "a/b". */
    private String jobUrl() {
        return UrlPaths.base(url) + Arrays.stream(job.split("/")).filter(s -> !s.isBlank())
                .map(s -> "/job/" + UrlPaths.segment(s)).collect(Collectors.joining()) + "/";
    }

    private String queueUrl(long item) {
        return UrlPaths.base(url) + "/queue/item/" + item + "/";
    }

    private String buildUrl(long number) {
        return jobUrl() + number + "/";
    }

    @Override
    public String toString() {
        return describe();
    }
}
