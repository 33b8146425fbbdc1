package dev.rollback.adapters.registry.mlflow;

import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegisteredModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.api.proto.Service;
import org.mlflow_project.google.protobuf.InvalidProtocolBufferException;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/** MLflow JSON → mlflow-client protos (lenient: MLflow 3.x adds fields) → core records. */
final class MlflowMapping {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private MlflowMapping() {
    }

    /** Parses {@code json} into {@code builder}; throws the builder's InvalidProtocolBufferException as-is. */
    static <B extends Message.Builder> B parse(String json, B builder) throws InvalidProtocolBufferException {
        PARSER.merge(json == null || json.isBlank() ? "{}" : json, builder);
        return builder;
    }

    static RegisteredModel model(ModelRegistry.RegisteredModel m) {
        Map<String, String> aliases = new LinkedHashMap<>();
        m.getAliasesList().forEach(a -> aliases.put(a.getAlias(), a.getVersion()));
        Map<String, String> tags = new LinkedHashMap<>();
        m.getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new RegisteredModel(m.getName(), aliases, tags);
    }

    /** @param aliases the version's aliases, as the caller knows them */
    static ModelVersion version(ModelRegistry.ModelVersion v, Set<String> aliases) {
        Map<String, String> tags = new LinkedHashMap<>();
        v.getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new ModelVersion(
                v.getName(),
                v.getVersion(),
                Instant.ofEpochMilli(v.getCreationTimestamp()),
                Instant.ofEpochMilli(v.getLastUpdatedTimestamp()),
                v.hasCurrentStage() && !v.getCurrentStage().isEmpty() ? v.getCurrentStage() : "None",
                v.hasStatus() ? v.getStatus().name() : "UNKNOWN",
                v.getSource(),
                v.getRunId(),
                tags,
                aliases);
    }

    /** The version with the aliases MLflow returned in it (model-versions/get fills them since 2.3). */
    static ModelVersion versionWithOwnAliases(ModelRegistry.ModelVersion v) {
        return version(v, new LinkedHashSet<>(v.getAliasesList()));
    }

    static Map<String, Double> metrics(Service.Run run) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
        return metrics;
    }
}
