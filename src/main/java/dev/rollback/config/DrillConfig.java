package dev.rollback.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.rollback.config.SectionMaps.string;
import static dev.rollback.config.SectionMaps.unknownKeys;

/**
 * The typed view of {@code services.<name>.drill}: only a service with this section can be drilled, so put it on
 * staging services. The drill deploys {@code version} as if it were a bad release, detects it through the metrics,
 * rolls back to the healthy baseline and restores the state it started from.
 *
 * @param version         the version the drill deploys as the "bad release"
 * @param syntheticBreach when the real metrics do not breach (a staging service often has no traffic), inject a
 *                        breach of every hard threshold into what the drill reads; labelled synthetic everywhere
 * @param budget          the MTTR the drill must stay under ({@code --budget} overrides it)
 * @param detectTimeout   how long detection may take before the drill gives up
 */
public record DrillConfig(String version, boolean syntheticBreach, Duration budget, Duration detectTimeout) {

    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DETECT_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<String> KEYS = new TreeSet<>(Set.of("version", "syntheticBreach", "budget",
            "detectTimeout"));

    static DrillConfig from(java.nio.file.Path file, String path, Map<String, Object> map,
            List<ConfigProblem> problems) {
        if (map.isEmpty()) {
            return null;
        }
        unknownKeys(file, path, map, KEYS, problems);
        String version = string(map, "version", null);
        if (version == null) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".version", "required: the version the drill deploys "
                    + "as the bad release"));
        }
        Object synthetic = map.get("syntheticBreach");
        if (synthetic != null && !(synthetic instanceof Boolean)) {
            problems.add(new ConfigProblem(file, 0, 0, path + ".syntheticBreach", "expected true or false; got '"
                    + synthetic + "'"));
        }
        return new DrillConfig(version == null ? null : version.replaceFirst("^[vV]", ""),
                Boolean.TRUE.equals(synthetic),
                SectionMaps.duration(file, path, map, "budget", DEFAULT_BUDGET, problems),
                SectionMaps.duration(file, path, map, "detectTimeout", DEFAULT_DETECT_TIMEOUT, problems));
    }
}
