package dev.rollback.core.model;

import dev.rollback.core.AuditTags;
import dev.rollback.core.plan.Step;
import dev.rollback.core.plan.StepContext;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.core.registry.ModelRegistry;
import dev.rollback.core.registry.ModelVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private static final int PARALLEL_WRITES = 6;

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
        Map<String, String> writes = new LinkedHashMap<>();
        spec.params().forEach((k, v) -> {
            if (k.startsWith("new.")) {
                writes.put(k.substring(4), v);
            }
        });
        writeAll(writes);
        return writes.size() + " tags written";
    }

    @Override
    public String compensate(StepContext context) {
        Map<String, String> writes = new LinkedHashMap<>();
        spec.params().forEach((k, v) -> {
            if (k.startsWith(PREVIOUS)) {
                writes.put(k.substring(PREVIOUS.length()), v);
            } else if (k.startsWith(ABSENT)) {
                writes.put(k.substring(ABSENT.length()), null); // null: delete the tag
            }
        });
        writeAll(writes);
        return writes.size() + " tags restored";
    }

    /**
     * One registry call per tag (MLflow has no batch tag API for versions), issued concurrently: eleven
     * sequential round trips were the slowest step of a rollback. Every write is idempotent, so after a
     * failure the step is simply undone (or redone) as a whole; the first failure is rethrown.
     */
    private void writeAll(Map<String, String> writes) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_WRITES, writes.size())), r -> {
            Thread t = new Thread(r, "audit-tag-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            writes.forEach((versionAndKey, value) -> pending.add(pool.submit(() -> write(versionAndKey, value))));
            RuntimeException first = null;
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing audit tags", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
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
