package dev.rollback.core.model;

import dev.rollback.config.ServiceConfig;
import dev.rollback.core.Refusal;
import dev.rollback.core.artifacts.ArtifactFingerprint;
import dev.rollback.core.artifacts.ArtifactStore;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.serving.ServingBinding;
import dev.rollback.core.status.LiveVersion;
import dev.rollback.core.status.RegistryView;
import dev.rollback.core.status.StatusService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What CI runs before promoting a new version: the version live now becomes the designated
 * rollback target (healthy baseline), with its artifact fingerprint and serving revision recorded,
 * so that at 2 AM nothing has to be decided. Idempotent: tags already right are left alone.
 */
public final class PrepareService {

    public static final String SERVING_REVISION_TAG = "rollback.serving_revision";
    public static final String PREPARED_AT_TAG = "rollback.prepared_at";
    public static final String PREPARED_FOR_TAG = "rollback.prepared_for";
    /** On the version being promoted: where to go back to if it turns out bad. */
    public static final String ROLLBACK_TARGET_TAG = "rollback.rollback_target";

    private PrepareService() {
    }

    /** A tag as it was and as it is now; {@code changed} false when it already had the value. */
    public record TagChange(String version, String key, String before, String after, boolean changed) {
    }

    public record Prepared(ModelVersion baseline, ModelVersion promoting, List<TagChange> tags) {
    }

    public static Prepared prepare(ServiceConfig service, ModelRegistry registry, String promoting,
            Optional<ServingBinding> serving, Optional<ArtifactStore> artifacts, Instant now) {
        RegistryView view = RegistryView.read(service, registry);
        ModelVersion live = StatusService.resolveLive(view).map(LiveVersion::version).orElseThrow(() ->
                new Refusal("no live version for " + service.name() + ": nothing to designate as the "
                        + "rollback target; set alias or stage first"));
        String number = promoting.startsWith("v") ? promoting.substring(1) : promoting;
        ModelVersion next = view.version(number).orElseThrow(() -> new Refusal("version " + promoting
                + " of " + service.model().name() + " does not exist in " + view.registryLocation()));
        if (next.version().equals(live.version())) {
            throw new Refusal("v" + live.version() + " is already live: run prepare before the "
                    + "promotion, with the version about to go live");
        }
        Map<String, String> onBaseline = new LinkedHashMap<>();
        onBaseline.put(service.baseline().tagKey(), service.baseline().tagValue());
        artifacts.filter(a -> a.handles(live.source())).ifPresent(a -> onBaseline.put(
                ModelRollbackPlanner.ARTIFACT_DIGEST_TAG, a.fingerprint(live.source()).map(ArtifactFingerprint::digest)
                        .orElseThrow(() -> new Refusal("the artifact of live v" + live.version()
                                + " is missing at " + live.source() + ": it cannot be a rollback target"))));
        serving.ifPresent(s -> onBaseline.put(SERVING_REVISION_TAG, s.read().revision()));
        onBaseline.put(PREPARED_FOR_TAG, next.version());

        List<TagChange> changes = new ArrayList<>();
        boolean baselineChanged = write(registry, live, onBaseline, changes);
        if (baselineChanged) {
            // Only a real change gets a new timestamp, so a repeated prepare is a no-op.
            write(registry, live, Map.of(PREPARED_AT_TAG, now.toString()), changes);
        }
        write(registry, next, Map.of(ROLLBACK_TARGET_TAG, live.version()), changes);
        return new Prepared(live, next, changes);
    }

    private static boolean write(ModelRegistry registry, ModelVersion version, Map<String, String> tags,
            List<TagChange> changes) {
        boolean any = false;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String before = version.tag(tag.getKey()).orElse(null);
            boolean changed = !tag.getValue().equals(before);
            if (changed) {
                registry.setVersionTag(version.modelName(), version.version(), tag.getKey(), tag.getValue());
                any = true;
            }
            changes.add(new TagChange(version.version(), tag.getKey(), before, tag.getValue(), changed));
        }
        return any;
    }
}
