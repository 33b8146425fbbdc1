package dev.rollback.config;

import dev.rollback.config.YamlNode.Entry;
import dev.rollback.config.YamlNode.Mapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema of {@code rollback.yaml}: which keys each block has, what each value must be, and the config
 * records they bind to. Reading values and reporting problems is {@link ConfigReader}'s; it never stops
 * at the first problem, so one run shows the user every mistake in the file.
 */
final class ConfigBinder {
    private static final List<String> TOP_KEYS = List.of("registries", "services", "s3", "journal");
    private static final List<String> S3_KEYS =
            List.of("endpoint", "region", "pathStyle", "accessKeyEnv", "secretKeyEnv", "sessionTokenEnv");
    private static final List<String> JOURNAL_KEYS = List.of("mirror");
    // Bucket naming rules; a prefix of S3's "safe" key characters, so the value is also a valid URI.
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*'()/-]*)?");
    private static final List<String> REGISTRY_KEYS =
            List.of("type", "trackingUri", "timeout", "insecureTls", "caCertPath", "credentials");
    private static final List<String> CREDENTIAL_KEYS = List.of("tokenEnv", "usernameEnv", "passwordEnv", "tokenFile");
    private static final List<String> SERVICE_KEYS =
            List.of("registry", "model", "live", "baseline", "serving", "features", "ci", "metrics", "drill");
    private static final List<String> MODEL_KEYS = List.of("name", "primaryMetric");
    private static final List<String> LIVE_KEYS = List.of("alias", "stage");
    private static final List<String> BASELINE_KEYS = List.of("tag");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+");

    private final ConfigReader read;

    private ConfigBinder(ConfigReader read) {
        this.read = read;
    }

    static RollbackConfig bind(YamlNode root, Path file, Map<String, String> env) {
        return new ConfigBinder(new ConfigReader(file, env)).bindRoot(root);
    }

    // ---- the schema ----

    private RollbackConfig bindRoot(YamlNode root) {
        Map<String, RegistryConfig> registries = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        S3Config s3 = null;
        JournalConfig journal = null;
        if (!(root instanceof Mapping top)) {
            read.problem(root, "", "expected a mapping with 'registries' and 'services' at the top level; got "
                    + YamlNode.describe(root));
        } else {
            Map<String, Entry> keys = read.entries(top, "", TOP_KEYS);
            Map<String, Entry> registryEntries = namedBlocks(top, keys.get("registries"), "registries", "registry");
            for (Entry e : registryEntries.values()) {
                RegistryConfig registry = bindRegistry(e, "registries." + e.key());
                if (registry != null) {
                    registries.put(e.key(), registry);
                }
            }
            // Every declared name counts, even a broken one, so services are not also blamed for its mistakes.
            List<String> registryNames = new ArrayList<>(registryEntries.keySet());
            for (Entry e : namedBlocks(top, keys.get("services"), "services", "service").values()) {
                ServiceConfig service = bindService(e, "services." + e.key(), registryNames);
                if (service != null) {
                    services.put(e.key(), service);
                }
            }
            s3 = bindS3(keys.get("s3"), "s3");
            journal = bindJournal(keys.get("journal"), "journal");
        }
        read.throwIfAny();
        return new RollbackConfig(read.file(), registries, services, s3, journal);
    }

    /** The entries of "registries"/"services": a non-empty mapping of valid names to mappings. */
    private Map<String, Entry> namedBlocks(Mapping top, Entry section, String path, String what) {
        if (section == null) {
            read.problem(top, path, "required");
            return Map.of();
        }
        Mapping blocks = read.mappingOrEmpty(section, path);
        if (blocks == null) {
            return Map.of();
        }
        Map<String, Entry> named = read.entries(blocks, path, null);
        if (named.isEmpty() && !read.hasComplexKey(blocks)) {
            read.problem(section.value(), path, "at least one " + what + " is required");
        }
        for (Entry e : named.values()) {
            if (!NAME.matcher(e.key()).matches()) {
                read.problemAtKey(e, path + "." + e.key(), "invalid " + what + " name '" + e.key()
                        + "'; use lowercase letters, digits, '-' and '_', starting with a letter or digit");
            }
        }
        return named;
    }

    private RegistryConfig bindRegistry(Entry entry, String path) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = read.entries(block, path, REGISTRY_KEYS);
        int before = read.problemCount();

        ConfigReader.Text type = read.text(keys.get("type"), path + ".type");
        if (type.isSet() && !type.value().equals(RegistryConfig.TYPE_MLFLOW)) {
            read.problem(type.node(), path + ".type",
                    "unsupported registry type '" + type.value() + "'; only 'mlflow' is supported");
        }
        URI trackingUri = null;
        ConfigReader.Text uri = read.text(keys.get("trackingUri"), path + ".trackingUri");
        if (uri.isMissing()) {
            read.problem(block, path + ".trackingUri", "required");
        } else if (uri.isSet()) {
            trackingUri = read.httpUri(uri.value());
            if (trackingUri == null) {
                read.problem(uri.node(), path + ".trackingUri",
                        "expected an http or https URI with a host, like http://127.0.0.1:5000; got '" + uri.value() + "'");
            }
        }
        Duration timeout = RegistryConfig.DEFAULT_TIMEOUT;
        ConfigReader.Text timeoutText = read.text(keys.get("timeout"), path + ".timeout");
        if (timeoutText.isSet()) {
            timeout = read.duration(timeoutText, path + ".timeout");
        }
        boolean insecureTls = Boolean.TRUE.equals(read.bool(read.text(keys.get("insecureTls"), path + ".insecureTls"),
                path + ".insecureTls"));
        Path caCertPath = read.path(read.text(keys.get("caCertPath"), path + ".caCertPath"), path + ".caCertPath");
        CredentialsConfig credentials = bindCredentials(keys.get("credentials"), path + ".credentials");

        if (read.problemCount() > before) {
            return null;
        }
        return new RegistryConfig(entry.key(), RegistryConfig.TYPE_MLFLOW, trackingUri, timeout, credentials,
                insecureTls, caCertPath);
    }

    private S3Config bindS3(Entry entry, String path) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return S3Config.defaults();
        }
        Map<String, Entry> keys = read.entries(block, path, S3_KEYS);
        URI endpoint = null;
        ConfigReader.Text endpointText = read.text(keys.get("endpoint"), path + ".endpoint");
        if (endpointText.isSet()) {
            endpoint = read.httpUri(endpointText.value());
            if (endpoint == null) {
                read.problem(endpointText.node(), path + ".endpoint",
                        "expected an http or https URI with a host, like http://minio:9000; got '" + endpointText.value() + "'");
            } else if (endpoint.getUserInfo() != null) {
                // never echo it back: it is a credential
                read.problem(endpointText.node(), path + ".endpoint", "credentials do not belong in the endpoint URI; "
                        + "name the environment variables holding them with accessKeyEnv/secretKeyEnv");
                endpoint = null;
            }
        }
        ConfigReader.Text region = read.text(keys.get("region"), path + ".region");
        Boolean pathStyle = read.bool(read.text(keys.get("pathStyle"), path + ".pathStyle"), path + ".pathStyle");
        return new S3Config(endpoint, region.isSet() ? region.value() : null, pathStyle,
                read.envName(keys.get("accessKeyEnv"), path + ".accessKeyEnv", "AWS_ACCESS_KEY_ID"),
                read.envName(keys.get("secretKeyEnv"), path + ".secretKeyEnv", "AWS_SECRET_ACCESS_KEY"),
                read.envName(keys.get("sessionTokenEnv"), path + ".sessionTokenEnv", "AWS_SESSION_TOKEN"));
    }

    private JournalConfig bindJournal(Entry entry, String path) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return JournalConfig.localOnly();
        }
        Map<String, Entry> keys = read.entries(block, path, JOURNAL_KEYS);
        ConfigReader.Text mirror = read.text(keys.get("mirror"), path + ".mirror");
        if (!mirror.isSet()) {
            return JournalConfig.localOnly();
        }
        if (!S3_URI.matcher(mirror.value()).matches()) {
            read.problem(mirror.node(), path + ".mirror",
                    "expected s3://bucket/prefix, like s3://ml-ops/rollback/journals; got '" + mirror.value() + "'");
            return JournalConfig.localOnly();
        }
        return new JournalConfig(URI.create(mirror.value()));
    }

    private CredentialsConfig bindCredentials(Entry entry, String path) {
        CredentialsConfig defaults = CredentialsConfig.defaults();
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return defaults;
        }
        Map<String, Entry> keys = read.entries(block, path, CREDENTIAL_KEYS);
        return new CredentialsConfig(
                read.envName(keys.get("tokenEnv"), path + ".tokenEnv", defaults.tokenEnv()),
                read.envName(keys.get("usernameEnv"), path + ".usernameEnv", defaults.usernameEnv()),
                read.envName(keys.get("passwordEnv"), path + ".passwordEnv", defaults.passwordEnv()),
                read.path(read.text(keys.get("tokenFile"), path + ".tokenFile"), path + ".tokenFile"));
    }

    private ServiceConfig bindService(Entry entry, String path, List<String> registryNames) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = read.entries(block, path, SERVICE_KEYS);
        int before = read.problemCount();

        String registry = registryRef(block, keys.get("registry"), path + ".registry", registryNames);
        ModelConfig model = null;
        if (keys.get("model") == null) {
            read.problem(block, path + ".model", "required");
        } else {
            model = bindModel(keys.get("model"), path + ".model");
        }
        LiveConfig live = bindLive(keys.get("live"), path + ".live");
        BaselineConfig baseline = bindBaseline(keys.get("baseline"), path + ".baseline");
        Map<String, Object> serving = read.reserved(keys.get("serving"), path + ".serving");
        Map<String, Object> features = read.reserved(keys.get("features"), path + ".features");
        Map<String, Object> ci = read.reserved(keys.get("ci"), path + ".ci");
        Map<String, Object> metrics = read.reserved(keys.get("metrics"), path + ".metrics");
        Map<String, Object> drill = read.reserved(keys.get("drill"), path + ".drill");

        if (read.problemCount() > before) {
            return null;
        }
        return new ServiceConfig(entry.key(), registry, model, live, baseline, serving, features, ci, metrics, drill);
    }

    private String registryRef(Mapping service, Entry entry, String path, List<String> registryNames) {
        ConfigReader.Text ref = read.text(entry, path);
        if (ref.isBroken() || registryNames.isEmpty()) {
            return null; // already reported, or "registries" itself is missing/empty and reported
        }
        if (!ref.isSet()) {
            if (registryNames.size() == 1) {
                return registryNames.get(0);
            }
            read.problem(service, path, "required when more than one registry is defined (one of: "
                    + String.join(", ", registryNames) + ")");
            return null;
        }
        if (registryNames.contains(ref.value())) {
            return ref.value();
        }
        read.problem(ref.node(), path, "unknown registry '" + ref.value() + "'; " + Suggestions.closest(ref.value(), registryNames)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("defined registries: " + String.join(", ", registryNames)));
        return null;
    }

    private ModelConfig bindModel(Entry entry, String path) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = read.entries(block, path, MODEL_KEYS);
        ConfigReader.Text name = read.text(keys.get("name"), path + ".name");
        if (name.isMissing()) {
            read.problem(keys.containsKey("name") ? name.node() : block, path + ".name", "required");
        }
        ConfigReader.Text metric = read.text(keys.get("primaryMetric"), path + ".primaryMetric");
        return new ModelConfig(name.value(), metric.isSet() ? metric.value() : null);
    }

    private LiveConfig bindLive(Entry entry, String path) {
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return new LiveConfig(entry == null ? LiveConfig.DEFAULT_ALIAS : null, null);
        }
        Map<String, Entry> keys = read.entries(block, path, LIVE_KEYS);
        int before = read.problemCount();

        Entry aliasEntry = keys.get("alias");
        ConfigReader.Text aliasText = read.text(aliasEntry, path + ".alias");
        // Absent means the default; an explicit null or "" is how the user turns alias lookup off.
        String alias = aliasEntry == null ? LiveConfig.DEFAULT_ALIAS : aliasText.isSet() ? aliasText.value() : null;
        if (aliasText.isSet()) {
            String problem = aliasProblem(alias);
            if (problem != null) {
                read.problem(aliasText.node(), path + ".alias", problem);
            }
        }
        String stage = null;
        ConfigReader.Text stageText = read.text(keys.get("stage"), path + ".stage");
        if (stageText.isSet()) {
            stage = switch (stageText.value().toLowerCase(Locale.ROOT)) {
                case "staging" -> "Staging";
                case "production" -> "Production";
                default -> {
                    read.problem(stageText.node(), path + ".stage",
                            "expected Staging or Production; got '" + stageText.value() + "'");
                    yield null;
                }
            };
        }
        if (read.problemCount() == before && alias == null && stage == null) {
            read.problem(block, path, "set alias or stage, otherwise the live version cannot be found");
        }
        return new LiveConfig(alias, stage);
    }

    private static String aliasProblem(String alias) {
        if (alias.equalsIgnoreCase("latest")) {
            return "alias 'latest' is reserved by MLflow; choose another name";
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            return "alias '" + alias + "' is reserved by MLflow (it means version " + alias.substring(1)
                    + "); choose another name";
        }
        if (!ALIAS.matcher(alias).matches()) {
            return "invalid alias '" + alias + "'; use letters, digits, '_' and '-'";
        }
        return null;
    }

    private BaselineConfig bindBaseline(Entry entry, String path) {
        BaselineConfig defaults = BaselineConfig.defaults();
        Mapping block = read.mappingOrEmpty(entry, path);
        if (block == null) {
            return defaults;
        }
        Map<String, Entry> keys = read.entries(block, path, BASELINE_KEYS);
        ConfigReader.Text tag = read.text(keys.get("tag"), path + ".tag");
        if (!tag.isSet()) {
            return defaults;
        }
        int eq = tag.value().indexOf('=');
        String key = eq < 0 ? "" : tag.value().substring(0, eq).strip();
        if (key.isEmpty()) {
            read.problem(tag.node(), path + ".tag", "expected key=value like " + defaults.tagKey() + "="
                    + defaults.tagValue() + "; got '" + tag.value() + "'");
            return defaults;
        }
        return new BaselineConfig(key, tag.value().substring(eq + 1).strip());
    }
}
