package dev.rollback.adapters.registry.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.adapters.CountsRequests;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegisteredModel;
import dev.rollback.core.registry.RegistryException;
import dev.rollback.core.registry.VersionSearch;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflow.api.proto.ModelRegistry.GetModelVersion;
import org.mlflow.api.proto.ModelRegistry.GetModelVersionByAlias;
import org.mlflow.api.proto.ModelRegistry.GetRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.SearchModelVersions;
import org.mlflow.api.proto.ModelRegistry.TransitionModelVersionStage;
import org.mlflow.api.proto.Service.GetRun;
import org.mlflow.tracking.creds.MlflowHostCreds;

/**
 * {@link ModelRegistry} over MLflow's REST API 2.0 (every call through {@link MlflowHttp}; see its
 * retry policy). Round trips: one per operation, plus one per extra page of a search.
 * {@code findVersion} takes the aliases from {@code model-versions/get}, which returns them.
 */
public final class MlflowRegistry implements ModelRegistry, CountsRequests {

    static final int PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MlflowHttp http;
    private final int pageSize;

    public MlflowRegistry(String trackingUri, Duration timeout, MlflowHostCreds creds) {
        this(trackingUri, timeout, creds, PAGE_SIZE);
    }

    MlflowRegistry(String trackingUri, Duration timeout, MlflowHostCreds creds, int pageSize) {
        this.http = new MlflowHttp(trackingUri, timeout, creds);
        this.pageSize = pageSize;
    }

    /** HTTP attempts made so far (retries included). */
    @Override
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public String location() {
        return http.location();
    }

    @Override
    public RegisteredModel getModel(String modelName) {
        String body = http.get("registered-models/get", Map.of("name", List.of(modelName)), model(modelName));
        return MlflowMapping.model(parse(body, GetRegisteredModel.Response.newBuilder(), model(modelName))
                .getRegisteredModel());
    }

    @Override
    public Optional<ModelVersion> findVersion(String modelName, String version) {
        if (MlflowFilter.numbers(List.of(version)).isEmpty()) {
            return Optional.empty(); // MLflow versions are integers: nothing to ask
        }
        String subject = version(modelName, version);
        try {
            String body = http.get("model-versions/get",
                    Map.of("name", List.of(modelName), "version", List.of(version.trim())), subject);
            return Optional.of(MlflowMapping.versionWithOwnAliases(
                    parse(body, GetModelVersion.Response.newBuilder(), subject).getModelVersion()));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ModelVersion> searchVersions(VersionSearch search) {
        String subject = "versions of " + model(search.modelName());
        Optional<String> filter;
        try {
            filter = MlflowFilter.of(search);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, location(), e.getMessage() + ".");
        }
        if (filter.isEmpty()) {
            return List.of();
        }
        Map<String, ModelVersion> found = new LinkedHashMap<>();
        String token = "";
        do {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("filter", List.of(filter.get()));
            query.put("order_by", List.of("version_number DESC"));
            query.put("max_results", List.of(String.valueOf(pageSize)));
            if (!token.isEmpty()) {
                query.put("page_token", List.of(token));
            }
            SearchModelVersions.Response page = parse(http.get("model-versions/search", query, subject),
                    SearchModelVersions.Response.newBuilder(), subject).build();
            page.getModelVersionsList().stream()
                    .filter(v -> MlflowFilter.wanted(search, v.getVersion()))
                    .forEach(v -> found.putIfAbsent(v.getVersion(), MlflowMapping.version(v, Set.of())));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return found.values().stream().sorted(Comparator.comparingLong(ModelVersion::number).reversed()).toList();
    }

    @Override
    public Optional<String> resolveAlias(String modelName, String alias) {
        String subject = "alias '" + alias + "' of " + model(modelName);
        try {
            String body = http.get("registered-models/alias",
                    Map.of("name", List.of(modelName), "alias", List.of(alias)), subject);
            return Optional.of(parse(body, GetModelVersionByAlias.Response.newBuilder(), subject)
                    .getModelVersion().getVersion());
        } catch (MlflowApiException e) {
            if (e.isMissingAlias()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setAlias(String modelName, String alias, String version) {
        http.post("registered-models/alias", json(Map.of("name", modelName, "alias", alias, "version", version)),
                true, "alias '" + alias + "' -> " + version(modelName, version));
    }

    @Override
    public void deleteAlias(String modelName, String alias) {
        try {
            http.delete("registered-models/alias", json(Map.of("name", modelName, "alias", alias)),
                    "alias '" + alias + "' of " + model(modelName));
        } catch (MlflowApiException e) {
            if (!e.isMissingAlias()) {
                throw e;
            }
        }
    }

    @Override
    public ModelVersion transitionStage(String modelName, String version, String stage, boolean archiveExistingVersions) {
        String subject = "stage " + stage + " for " + version(modelName, version);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", modelName);
        request.put("version", version);
        request.put("stage", stage);
        request.put("archive_existing_versions", archiveExistingVersions);
        String body = http.post("model-versions/transition-stage", json(request), true, subject);
        return MlflowMapping.versionWithOwnAliases(
                parse(body, TransitionModelVersionStage.Response.newBuilder(), subject).getModelVersion());
    }

    @Override
    public void setVersionTag(String modelName, String version, String key, String value) {
        http.post("model-versions/set-tag",
                json(Map.of("name", modelName, "version", version, "key", key, "value", value)), true,
                "tag '" + key + "' on " + version(modelName, version));
    }

    @Override
    public void deleteVersionTag(String modelName, String version, String key) {
        String subject = "tag '" + key + "' on " + version(modelName, version);
        try {
            http.delete("model-versions/delete-tag", json(Map.of("name", modelName, "version", version, "key", key)),
                    subject);
        } catch (MlflowApiException e) {
            boolean missingTag = e.kind() == RegistryException.Kind.NOT_FOUND
                    && e.mlflowMessage().toLowerCase(java.util.Locale.ROOT).contains("tag");
            if (!missingTag) {
                throw e;
            }
        }
    }

    @Override
    public Map<String, Double> runMetrics(String runId) {
        String subject = "run " + runId;
        String body = http.get("runs/get", Map.of("run_id", List.of(runId)), subject);
        return MlflowMapping.metrics(parse(body, GetRun.Response.newBuilder(), subject).getRun());
    }

    private <B extends org.mlflow_project.google.protobuf.Message.Builder> B parse(String body, B builder,
            String subject) {
        try {
            return MlflowMapping.parse(body, builder);
        } catch (org.mlflow_project.google.protobuf.InvalidProtocolBufferException e) {
            throw MlflowErrors.unreadable(location(), subject, e);
        }
    }

    private static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String model(String name) {
        return "model '" + name + "'";
    }

    private static String version(String name, String version) {
        return "model '" + name + "' version " + version;
    }

    @Override
    public String toString() {
        return "MlflowRegistry[" + location() + "]";
    }
}
