package dev.rollback.core.model;

import dev.rollback.core.AuditTags;
import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the audit trail into the registry itself: which version was rolled back from, which one
 * was restored, when, by whom and why. The previous values are kept in the spec so undo restores
 * them exactly.
 */
final class AuditTagsStep implements Step {

    static final String TYPE = "registry.audit-tags";
    /** MLflow accepts 5000+ characters, but a tag is for a glance; the journal keeps the full reason. */
    static final int MAX_REASON = 500;
    private static final String PREVIOUS = "previous.";
    private static final String ABSENT = "absent.";

    private final StepSpec spec;
    private final ModelRegistry registry;

    AuditTagsStep(StepSpec spec, ModelRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    static StepSpec spec(ModelVersion from, ModelVersion to, String rollbackId, String at, String by, String reason) {
        Map<String, String> params = new HashMap<>();
        params.put("model", to.modelName());
        params.put("from", from.version());
        params.put("to", to.version());
        tags(from.version(), to.version(), rollbackId, at, by, reason).forEach((versionAndKey, value) -> {
            String version = versionAndKey.substring(0, versionAndKey.indexOf(':'));
            String key = versionAndKey.substring(versionAndKey.indexOf(':') + 1);
            ModelVersion v = version.equals(from.version()) ? from : to;
            v.tag(key).ifPresentOrElse(old -> params.put(PREVIOUS + versionAndKey, old),
                    () -> params.put(ABSENT + versionAndKey, ""));
            params.put("new." + versionAndKey, value);
        });
        return new StepSpec(TYPE, "audit", "audit tags on v" + from.version() + " and v" + to.version(),
                "v" + from.version() + " untagged", "v" + from.version() + " " + AuditTags.ROLE_ROLLED_BACK_FROM
                        + ", v" + to.version() + " " + AuditTags.ROLE_ROLLBACK_TARGET, params);
    }

    /** "version:key" → value, for both versions. */
    private static Map<String, String> tags(String from, String to, String id, String at, String by, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        Map<String, String> tags = new LinkedHashMap<>();
        for (String version : new String[] {from, to}) {
            boolean isFrom = version.equals(from);
            tags.put(version + ":" + AuditTags.ROLE, isFrom ? AuditTags.ROLE_ROLLED_BACK_FROM : AuditTags.ROLE_ROLLBACK_TARGET);
            tags.put(version + ":" + AuditTags.EVENT_ID, id);
            tags.put(version + ":" + AuditTags.AT, at);
            tags.put(version + ":" + AuditTags.BY, by);
            tags.put(version + ":" + AuditTags.REASON, shortReason);
        }
        tags.put(from + ":" + AuditTags.LIVE_UNTIL, at);
        return tags;
    }

    @Override
    public StepSpec spec() {
        return spec;
    }

    @Override
    public String apply(StepContext context) {
        int n = 0;
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            if (e.getKey().startsWith("new.")) {
                write(e.getKey().substring(4), e.getValue());
                n++;
            }
        }
        return n + " tags written";
    }

    @Override
    public String compensate(StepContext context) {
        int n = 0;
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            if (e.getKey().startsWith(PREVIOUS)) {
                write(e.getKey().substring(PREVIOUS.length()), e.getValue());
                n++;
            } else if (e.getKey().startsWith(ABSENT)) {
                write(e.getKey().substring(ABSENT.length()), null);
                n++;
            }
        }
        return n + " tags restored";
    }

    private void write(String versionAndKey, String value) {
        String version = versionAndKey.substring(0, versionAndKey.indexOf(':'));
        String key = versionAndKey.substring(versionAndKey.indexOf(':') + 1);
        if (value == null) {
            registry.deleteVersionTag(spec.param("model"), version, key);
        } else {
            registry.setVersionTag(spec.param("model"), version, key, value);
        }
    }
}
