package dev.rollback.core.report;

import dev.rollback.core.plan.Plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups steps by the four layers an ML release lives in, and files the plan's "not changed" list under the
 * layer each item names. Items that name no whole layer ("v4, v6 left in stage Production") are kept apart.
 */
final class Layers {

    static final List<String> ORDER = List.of("model", "serving", "features", "data");
    static final String NOT_IN_PLAN = "not part of this plan";

    /** How the plans word their untouched layers (see the planners): prefix → layer. */
    private static final Map<String, String> UNTOUCHED_PREFIXES = Map.of("model registry", "model", "serving",
            "serving", "feature pipeline", "features", "training data", "data");

    record Grouped(List<LayerReport> layers, List<String> leftAlone) {
    }

    private Layers() {
    }

    static Grouped of(Plan plan, List<StepReport> steps) {
        Map<String, List<StepReport>> byLayer = new LinkedHashMap<>();
        ORDER.forEach(l -> byLayer.put(l, new ArrayList<>()));
        for (StepReport step : steps) {
            byLayer.computeIfAbsent(layerOf(step.spec().layer()), l -> new ArrayList<>()).add(step);
        }
        Map<String, String> unchanged = new LinkedHashMap<>();
        List<String> leftAlone = new ArrayList<>();
        for (String item : plan.untouched()) {
            String layer = untouchedLayer(item);
            if (layer != null && byLayer.get(layer).isEmpty() && !unchanged.containsKey(layer)) {
                unchanged.put(layer, item);
            } else {
                leftAlone.add(item);
            }
        }
        List<LayerReport> layers = new ArrayList<>();
        byLayer.forEach((layer, layerSteps) -> layers.add(new LayerReport(layer, layerSteps,
                layerSteps.isEmpty() ? unchanged.getOrDefault(layer, NOT_IN_PLAN) : null)));
        return new Grouped(layers, leftAlone);
    }

    /** Audit tags are written to the registry, so they belong to the model layer. */
    static String layerOf(String stepLayer) {
        String layer = stepLayer == null ? "other" : stepLayer.toLowerCase(Locale.ROOT);
        return layer.equals("audit") ? "model" : layer;
    }

    private static String untouchedLayer(String item) {
        String text = item.toLowerCase(Locale.ROOT);
        return UNTOUCHED_PREFIXES.entrySet().stream().filter(p -> text.startsWith(p.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
