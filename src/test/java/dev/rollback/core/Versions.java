package dev.rollback.core;

import dev.rollback.config.BaselineConfig;
import dev.rollback.config.LiveConfig;
import dev.rollback.config.ModelConfig;
import dev.rollback.config.ServiceConfig;
import dev.rollback.core.registry.ModelVersion;
import dev.rollback.core.registry.RegisteredModel;
import dev.rollback.core.status.RegistryView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds registry snapshots in memory for the pure domain rules (status, ranking). */
public final class Versions {

    public static final String MODEL = "homepage-recsys";

    private final List<ModelVersion> versions = new ArrayList<>();
    private final Map<String, String> aliases = new HashMap<>();
    private String liveAlias = "champion";
    private String liveStage = "Production";

    public static Versions model() {
        return new Versions();
    }

    public Versions version(int number, String stage, String... tags) {
        return versionWithStatus(number, stage, ModelVersion.READY, tags);
    }

    public Versions versionWithStatus(int number, String stage, String status, String... tags) {
        Map<String, String> tagMap = new HashMap<>();
        for (String tag : tags) {
            String[] kv = tag.split("=", 2);
            tagMap.put(kv[0], kv[1]);
        }
        Instant created = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * number);
        versions.add(new ModelVersion(MODEL, String.valueOf(number), created, created, stage, status,
                "s3://models/" + MODEL + "/" + number, "run-" + number, tagMap, Set.of()));
        return this;
    }

    public Versions alias(String alias, int version) {
        aliases.put(alias, String.valueOf(version));
        return this;
    }

    public Versions live(String alias, String stage) {
        this.liveAlias = alias;
        this.liveStage = stage;
        return this;
    }

    public ServiceConfig service() {
        return new ServiceConfig("recsys", "default", new ModelConfig(MODEL, "diversity"),
                new LiveConfig(liveAlias, liveStage), new BaselineConfig("rollback.healthy_baseline", "true"),
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    public RegistryView view() {
        List<ModelVersion> withAliases = new ArrayList<>();
        for (ModelVersion v : versions) {
            Set<String> own = new HashSet<>();
            aliases.forEach((a, ver) -> {
                if (ver.equals(v.version())) {
                    own.add(a);
                }
            });
            withAliases.add(v.withAliases(own));
        }
        withAliases.sort((a, b) -> Long.compare(b.number(), a.number()));
        return new RegistryView(service(), "http://registry.test", new RegisteredModel(MODEL, aliases, Map.of()),
                withAliases);
    }

    /** The seed incident: v7 bad and live, v5 the healthy baseline, v4/v6/v7 all in Production. */
    public static Versions seedScenario() {
        return model()
                .version(1, "None").version(2, "None").version(3, "Archived")
                .version(4, "Production").version(5, "None", "rollback.healthy_baseline=true")
                .version(6, "Production").version(7, "Production")
                .alias("champion", 7);
    }
}
