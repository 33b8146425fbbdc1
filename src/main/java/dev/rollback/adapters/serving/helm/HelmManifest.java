package dev.rollback.adapters.serving.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollback.core.infra.GitOps;
import dev.rollback.core.infra.GitOpsOwner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rendered manifest ({@code helm get manifest}) tells: the container images and whether a GitOps controller
 * renders the release. The manifest may hold Secrets; nothing but images and tracking labels is read from it.
 */
final class HelmManifest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> WORKLOADS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Rollout", "InferenceService", "Job", "CronJob");
    private static final Pattern IMAGE_LINE = Pattern.compile("^\\s*-?\\s*image:\\s*[\"']?([^\"'\\s#]+)", Pattern.MULTILINE);

    private final List<JsonNode> docs;
    private final String text;

    private HelmManifest(List<JsonNode> docs, String text) {
        this.docs = docs;
        this.text = text;
    }

    static HelmManifest parse(String manifest) {
        String text = manifest == null ? "" : manifest;
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && doc.isObject()) {
                    docs.add(doc);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Helm stored it, so it is valid YAML to Helm; if our parser disagrees, images still come from the lines
            docs.clear();
        }
        return new HelmManifest(docs, text);
    }

    /** Container and init-container images, distinct, in manifest order. */
    List<String> images() {
        Set<String> images = new LinkedHashSet<>();
        if (docs.isEmpty()) {
            Matcher m = IMAGE_LINE.matcher(text);
            while (m.find()) {
                images.add(m.group(1));
            }
        } else {
            docs.forEach(d -> collectImages(d, images));
        }
        return List.copyOf(images);
    }

    // Only "image" under containers/initContainers: a ConfigMap key or a values blob named "image" is not a container.
    private static void collectImages(JsonNode node, Set<String> images) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if ((f.getKey().equals("initContainers") || f.getKey().equals("containers")) && f.getValue().isArray()) {
                    for (JsonNode c : f.getValue()) {
                        if (c.path("image").isTextual()) {
                            images.add(c.path("image").asText());
                        }
                    }
                }
                collectImages(f.getValue(), images);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectImages(n, images));
        }
    }

    /**
     * Flux's helm-controller labels everything it renders with {@code helm.toolkit.fluxcd.io/name|namespace}; Argo CD
     * annotates what it tracks with {@code argocd.argoproj.io/tracking-id}. Workloads are asked first.
     */
    Optional<GitOpsOwner> gitOps() {
        List<JsonNode> ordered = new ArrayList<>();
        docs.stream().filter(d -> WORKLOADS.contains(d.path("kind").asText())).forEach(ordered::add);
        docs.stream().filter(d -> !WORKLOADS.contains(d.path("kind").asText())).forEach(ordered::add);
        for (JsonNode d : ordered) {
            Optional<GitOpsOwner> owner = GitOps.detect(tracking(d.path("metadata").path("labels"), "label"),
                    tracking(d.path("metadata").path("annotations"), "annotation"));
            if (owner.isPresent()) {
                return owner;
            }
        }
        return Optional.empty();
    }

    // Nearly every chart sets app.kubernetes.io/instance to the release name, which GitOps.detect would read as Argo
    // CD's label tracking; in a Helm release it says nothing, so only the controllers' own keys are passed on.
    private static Map<String, String> tracking(JsonNode map, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(f -> {
            String k = f.getKey();
            boolean keep = what.equals("label")
                    ? k.startsWith("helm.toolkit.fluxcd.io/") || k.startsWith("kustomize.toolkit.fluxcd.io/")
                            || k.equals("argocd.argoproj.io/instance")
                    : k.equals("argocd.argoproj.io/tracking-id");
            if (keep) {
                out.put(k, f.getValue().asText());
            }
        });
        return out;
    }
}
