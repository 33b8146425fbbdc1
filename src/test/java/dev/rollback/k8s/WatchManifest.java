package dev.rollback.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The example manifest {@code src/main/k8s/rollback-watch.yaml}, parsed by fabric8's serialization into its typed
 * model objects, so the tests read the objects a cluster would get. A field the model does not know (a typo, a field
 * at the wrong level) lands in an object's additionalProperties; {@link #unknownFields()} finds them.
 */
record WatchManifest(List<HasMetadata> objects) {

    static final Path FILE = Path.of("src/main/k8s/rollback-watch.yaml");

    /** Several documents come back as a list (fabric8's multi-document YAML handling). */
    static WatchManifest load() {
        try (InputStream in = Files.newInputStream(FILE)) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            if (!(parsed instanceof List<?> documents)) {
                throw new AssertionError(FILE + " should hold several documents; parsed as " + parsed.getClass());
            }
            return new WatchManifest(documents.stream().map(HasMetadata.class::cast).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    <T extends HasMetadata> T only(Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + " in " + FILE + ", found " + found.size());
        }
        return found.get(0);
    }

    Deployment deployment() {
        return only(Deployment.class);
    }

    Role role() {
        return only(Role.class);
    }

    ConfigMap config() {
        return only(ConfigMap.class);
    }

    /** Every field the Kubernetes model did not recognise, as "Kind/name: path.field". */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName() + ":", unknown);
        }
        return unknown;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return; // strings, numbers and the free-form maps (labels, data) have no schema to break
        }
        for (Method getter : value.getClass().getMethods()) {
            boolean isGetter = getter.getParameterCount() == 0 && getter.getName().startsWith("get")
                    && getter.getDeclaringClass() != Object.class;
            if (!isGetter) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + " " + key));
            } else {
                collectUnknown(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    /** Whether a rule of the Role allows {@code verb} on {@code resource} of {@code group} named {@code name}. */
    boolean allows(String group, String resource, String verb, String name) {
        for (PolicyRule rule : role().getRules()) {
            boolean names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || (name != null && rule.getResourceNames().contains(name));
            if (rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                    && rule.getVerbs().contains(verb) && names) {
                return true;
            }
        }
        return false;
    }
}
