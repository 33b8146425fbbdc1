package dev.rollback.adapters.serving.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the stand-in {@code helm} (src/test/resources/helm-standin/helm.py) in a temp bin directory with its state
 * file. It is not Helm: it speaks Helm 3's documented output shapes over a JSON file, and logs every argv.
 */
final class HelmStandIn {

    static final String NS = "ml-serving";
    static final String IMG = "registry.example.com/model-server:";
    static final String REL = "recsys";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path bin;
    private ObjectNode state = JSON.createObjectNode();

    HelmStandIn(Path dir) {
        try {
            bin = Files.createDirectories(dir.resolve("bin"));
            try (InputStream in = HelmStandIn.class.getResourceAsStream("/helm-standin/helm.py")) {
                Files.write(bin.resolve("helm.py"), in.readAllBytes());
            }
            // a tiny sh wrapper with the absolute interpreter, so helm runs with an environment holding only our PATH
            Path helm = bin.resolve("helm");
            Files.writeString(helm, "#!/bin/sh\nexec '" + python() + "' '" + bin.resolve("helm.py") + "' \"$@\"\n");
            Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.put("version", "v3.21.0").put("namespace", NS).put("release", REL);
        state.putArray("revisions");
        save();
    }

    /**
     * The history most tests start from: install, an upgrade, a failed upgrade, and the live revision 4
     * (image {@code IMG + "1.N"}, chart value model.uri {@code models:/recsys/N}).
     */
    static HelmStandIn standardHistory(Path dir) {
        return new HelmStandIn(dir)
                .revision(1, "superseded", "Install complete", IMG + "1.1", "models:/recsys/1")
                .revision(2, "superseded", "Upgrade complete", IMG + "1.2", "models:/recsys/2")
                .revision(3, "failed", "Upgrade \"recsys\" failed: timed out waiting for the condition", IMG + "1.3", "models:/recsys/3")
                .revision(4, "deployed", "Upgrade complete", IMG + "1.4", "models:/recsys/4");
    }

    HelmStandIn version(String v) {
        load().put("version", v);
        return save();
    }

    /** Adds a revision running {@code image} with values {model: {uri: model}}. */
    HelmStandIn revision(long n, String status, String description, String image, String model) {
        ObjectNode r = ((ArrayNode) load().get("revisions")).addObject();
        r.put("revision", n).put("updated", "2024-03-0" + (n % 9 + 1) + "T10:00:00.123456789+01:00").put("status", status)
                .put("chart", "recsys-1." + n + ".0").put("app_version", "2.4." + n).put("description", description)
                .put("manifest", manifest(image));
        r.putObject("values").put("dbPassword", "hunter2").putObject("model").put("uri", model);
        return save();
    }

    HelmStandIn set(String key, Object value) {
        load().set(key, JSON.valueToTree(value));
        return save();
    }

    HelmStandIn error(String command, String stderr) {
        load().withObjectProperty("errors").put(command, stderr);
        return save();
    }

    HelmCli cli() {
        return cli("helm", null);
    }

    HelmCli cli(String binary, String kubeContext) {
        return new HelmCli(binary, kubeContext, null, Map.of("PATH", bin.toString(), "HOME", bin.toString()), "recsys");
    }

    /** The argv of every call so far. */
    List<List<String>> calls() {
        List<List<String>> calls = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(bin.resolve("argv.log"))) {
                List<String> argv = new ArrayList<>();
                JSON.readTree(line).forEach(n -> argv.add(n.asText()));
                calls.add(argv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    List<List<String>> calls(String subcommand) {
        return calls().stream().filter(c -> c.get(0).equals(subcommand)).toList();
    }

    /** The stand-in's current history as (revision, status, description). */
    List<String> revisions() {
        try {
            List<String> out = new ArrayList<>();
            JSON.readTree(bin.resolve("state.json").toFile()).get("revisions").forEach(r -> out.add(
                    r.get("revision").asLong() + " " + r.get("status").asText() + " " + r.get("description").asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String manifest(String image) {
        return """
                ---
                # Source: recsys/templates/configmap.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: recsys-config
                data:
                  image: not-a-container:1
                ---
                # Source: recsys/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: recsys
                  labels:
                    app.kubernetes.io/instance: recsys
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: fetch-model
                          image: "registry.example.com/fetcher:1.0"
                      containers:
                        - name: server
                          image: %s
                        - name: sidecar
                          image: registry.example.com/envoy:1.29
                """.formatted(image);
    }

    /** The stand-in rewrites its state on a rollback, so every edit starts from the file. */
    private ObjectNode load() {
        try {
            state = (ObjectNode) JSON.readTree(bin.resolve("state.json").toFile());
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HelmStandIn save() {
        try {
            JSON.writeValue(bin.resolve("state.json").toFile(), state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static String python() throws IOException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        try {
            String exe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 || exe.isEmpty()) {
                throw new IOException("python3 is needed for the helm stand-in");
            }
            return exe;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
