package dev.rollback.config;

import dev.rollback.config.YamlNode.Entry;
import dev.rollback.config.YamlNode.Mapping;
import dev.rollback.config.YamlNode.Scalar;
import dev.rollback.config.YamlNode.Sequence;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Validates a {@link YamlNode} tree and binds it to the config records. It never stops at the first problem:
 * everything is collected so one run shows the user every mistake in the file.
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
            List.of("registry", "model", "live", "baseline", "serving", "features", "ci", "metrics");
    private static final List<String> MODEL_KEYS = List.of("name", "primaryMetric");
    private static final List<String> LIVE_KEYS = List.of("alias", "stage");
    private static final List<String> BASELINE_KEYS = List.of("tag");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SECRET_WORD = Pattern.compile("token|passw(or)?d|secret");
    // Keys that merely point at a secret (tokenEnv, passwordFile, secretName, tokenUrl) are not secrets.
    private static final Pattern POINTER_SUFFIX = Pattern.compile(".*(env|file|path|name|ref|url|uri)");
    private static final String SECRET_MESSAGE =
            "do not put secrets in the config file; name an environment variable with tokenEnv/passwordEnv instead";

    private final Path file;
    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigBinder(Path file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    static RollbackConfig bind(YamlNode root, Path file, Map<String, String> env) {
        return new ConfigBinder(file, env).bindRoot(root);
    }

    // ---- the schema ----

    private RollbackConfig bindRoot(YamlNode root) {
        Map<String, RegistryConfig> registries = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        S3Config s3 = null;
        JournalConfig journal = null;
        if (!(root instanceof Mapping top)) {
            problem(root, "", "expected a mapping with 'registries' and 'services' at the top level; got "
                    + YamlNode.describe(root));
        } else {
            Map<String, Entry> keys = entries(top, "", TOP_KEYS);
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
        if (!problems.isEmpty()) {
            // File order reads top-down like the file; the sort is stable, so same-spot problems keep their order.
            problems.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(problems);
        }
        return new RollbackConfig(file, registries, services, s3, journal);
    }

    /** The entries of "registries"/"services": a non-empty mapping of valid names to mappings. */
    private Map<String, Entry> namedBlocks(Mapping top, Entry section, String path, String what) {
        if (section == null) {
            problem(top, path, "required");
            return Map.of();
        }
        Mapping blocks = mappingOrEmpty(section, path);
        if (blocks == null) {
            return Map.of();
        }
        Map<String, Entry> named = entries(blocks, path, null);
        if (named.isEmpty() && !hasComplexKey(blocks)) {
            problem(section.value(), path, "at least one " + what + " is required");
        }
        for (Entry e : named.values()) {
            if (!NAME.matcher(e.key()).matches()) {
                problemAtKey(e, path + "." + e.key(), "invalid " + what + " name '" + e.key()
                        + "'; use lowercase letters, digits, '-' and '_', starting with a letter or digit");
            }
        }
        return named;
    }

    private RegistryConfig bindRegistry(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = entries(block, path, REGISTRY_KEYS);
        int before = problems.size();

        Text type = text(keys.get("type"), path + ".type");
        if (type.isSet() && !type.value().equals(RegistryConfig.TYPE_MLFLOW)) {
            problem(type.node(), path + ".type",
                    "unsupported registry type '" + type.value() + "'; only 'mlflow' is supported");
        }
        URI trackingUri = null;
        Text uri = text(keys.get("trackingUri"), path + ".trackingUri");
        if (uri.isMissing()) {
            problem(block, path + ".trackingUri", "required");
        } else if (uri.isSet()) {
            trackingUri = httpUri(uri.value());
            if (trackingUri == null) {
                problem(uri.node(), path + ".trackingUri",
                        "expected an http or https URI with a host, like http://127.0.0.1:5000; got '" + uri.value() + "'");
            }
        }
        Duration timeout = RegistryConfig.DEFAULT_TIMEOUT;
        Text timeoutText = text(keys.get("timeout"), path + ".timeout");
        if (timeoutText.isSet()) {
            timeout = duration(timeoutText, path + ".timeout");
        }
        boolean insecureTls = Boolean.TRUE.equals(bool(text(keys.get("insecureTls"), path + ".insecureTls"),
                path + ".insecureTls"));
        Path caCertPath = path(text(keys.get("caCertPath"), path + ".caCertPath"), path + ".caCertPath");
        CredentialsConfig credentials = bindCredentials(keys.get("credentials"), path + ".credentials");

        if (problems.size() > before) {
            return null;
        }
        return new RegistryConfig(entry.key(), RegistryConfig.TYPE_MLFLOW, trackingUri, timeout, credentials,
                insecureTls, caCertPath);
    }

    private S3Config bindS3(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return S3Config.defaults();
        }
        Map<String, Entry> keys = entries(block, path, S3_KEYS);
        URI endpoint = null;
        Text endpointText = text(keys.get("endpoint"), path + ".endpoint");
        if (endpointText.isSet()) {
            endpoint = httpUri(endpointText.value());
            if (endpoint == null) {
                problem(endpointText.node(), path + ".endpoint",
                        "expected an http or https URI with a host, like http://minio:9000; got '" + endpointText.value() + "'");
            } else if (endpoint.getUserInfo() != null) {
                // never echo it back: it is a credential
                problem(endpointText.node(), path + ".endpoint", "credentials do not belong in the endpoint URI; "
                        + "name the environment variables holding them with accessKeyEnv/secretKeyEnv");
                endpoint = null;
            }
        }
        Text region = text(keys.get("region"), path + ".region");
        Boolean pathStyle = bool(text(keys.get("pathStyle"), path + ".pathStyle"), path + ".pathStyle");
        return new S3Config(endpoint, region.isSet() ? region.value() : null, pathStyle,
                envName(keys.get("accessKeyEnv"), path + ".accessKeyEnv", "AWS_ACCESS_KEY_ID"),
                envName(keys.get("secretKeyEnv"), path + ".secretKeyEnv", "AWS_SECRET_ACCESS_KEY"),
                envName(keys.get("sessionTokenEnv"), path + ".sessionTokenEnv", "AWS_SESSION_TOKEN"));
    }

    private JournalConfig bindJournal(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return JournalConfig.localOnly();
        }
        Map<String, Entry> keys = entries(block, path, JOURNAL_KEYS);
        Text mirror = text(keys.get("mirror"), path + ".mirror");
        if (!mirror.isSet()) {
            return JournalConfig.localOnly();
        }
        if (!S3_URI.matcher(mirror.value()).matches()) {
            problem(mirror.node(), path + ".mirror",
                    "expected s3://bucket/prefix, like s3://ml-ops/rollback/journals; got '" + mirror.value() + "'");
            return JournalConfig.localOnly();
        }
        return new JournalConfig(URI.create(mirror.value()));
    }

    private CredentialsConfig bindCredentials(Entry entry, String path) {
        CredentialsConfig defaults = CredentialsConfig.defaults();
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return defaults;
        }
        Map<String, Entry> keys = entries(block, path, CREDENTIAL_KEYS);
        return new CredentialsConfig(
                envName(keys.get("tokenEnv"), path + ".tokenEnv", defaults.tokenEnv()),
                envName(keys.get("usernameEnv"), path + ".usernameEnv", defaults.usernameEnv()),
                envName(keys.get("passwordEnv"), path + ".passwordEnv", defaults.passwordEnv()),
                path(text(keys.get("tokenFile"), path + ".tokenFile"), path + ".tokenFile"));
    }

    private ServiceConfig bindService(Entry entry, String path, List<String> registryNames) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = entries(block, path, SERVICE_KEYS);
        int before = problems.size();

        String registry = registryRef(block, keys.get("registry"), path + ".registry", registryNames);
        ModelConfig model = null;
        if (keys.get("model") == null) {
            problem(block, path + ".model", "required");
        } else {
            model = bindModel(keys.get("model"), path + ".model");
        }
        LiveConfig live = bindLive(keys.get("live"), path + ".live");
        BaselineConfig baseline = bindBaseline(keys.get("baseline"), path + ".baseline");
        Map<String, Object> serving = reserved(keys.get("serving"), path + ".serving");
        Map<String, Object> features = reserved(keys.get("features"), path + ".features");
        Map<String, Object> ci = reserved(keys.get("ci"), path + ".ci");
        Map<String, Object> metrics = reserved(keys.get("metrics"), path + ".metrics");

        if (problems.size() > before) {
            return null;
        }
        return new ServiceConfig(entry.key(), registry, model, live, baseline, serving, features, ci, metrics);
    }

    private String registryRef(Mapping service, Entry entry, String path, List<String> registryNames) {
        Text ref = text(entry, path);
        if (ref.isBroken() || registryNames.isEmpty()) {
            return null; // already reported, or "registries" itself is missing/empty and reported
        }
        if (!ref.isSet()) {
            if (registryNames.size() == 1) {
                return registryNames.get(0);
            }
            problem(service, path, "required when more than one registry is defined (one of: "
                    + String.join(", ", registryNames) + ")");
            return null;
        }
        if (registryNames.contains(ref.value())) {
            return ref.value();
        }
        problem(ref.node(), path, "unknown registry '" + ref.value() + "'; " + Suggestions.closest(ref.value(), registryNames)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("defined registries: " + String.join(", ", registryNames)));
        return null;
    }

    private ModelConfig bindModel(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return null;
        }
        Map<String, Entry> keys = entries(block, path, MODEL_KEYS);
        Text name = text(keys.get("name"), path + ".name");
        if (name.isMissing()) {
            problem(keys.containsKey("name") ? name.node() : block, path + ".name", "required");
        }
        Text metric = text(keys.get("primaryMetric"), path + ".primaryMetric");
        return new ModelConfig(name.value(), metric.isSet() ? metric.value() : null);
    }

    private LiveConfig bindLive(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return new LiveConfig(entry == null ? LiveConfig.DEFAULT_ALIAS : null, null);
        }
        Map<String, Entry> keys = entries(block, path, LIVE_KEYS);
        int before = problems.size();

        Entry aliasEntry = keys.get("alias");
        Text aliasText = text(aliasEntry, path + ".alias");
        // Absent means the default; an explicit null or "" is how the user turns alias lookup off.
        String alias = aliasEntry == null ? LiveConfig.DEFAULT_ALIAS : aliasText.isSet() ? aliasText.value() : null;
        if (aliasText.isSet()) {
            String problem = aliasProblem(alias);
            if (problem != null) {
                problem(aliasText.node(), path + ".alias", problem);
            }
        }
        String stage = null;
        Text stageText = text(keys.get("stage"), path + ".stage");
        if (stageText.isSet()) {
            stage = switch (stageText.value().toLowerCase(Locale.ROOT)) {
                case "staging" -> "Staging";
                case "production" -> "Production";
                default -> {
                    problem(stageText.node(), path + ".stage",
                            "expected Staging or Production; got '" + stageText.value() + "'");
                    yield null;
                }
            };
        }
        if (problems.size() == before && alias == null && stage == null) {
            problem(block, path, "set alias or stage, otherwise the live version cannot be found");
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
        Mapping block = mappingOrEmpty(entry, path);
        if (block == null) {
            return defaults;
        }
        Map<String, Entry> keys = entries(block, path, BASELINE_KEYS);
        Text tag = text(keys.get("tag"), path + ".tag");
        if (!tag.isSet()) {
            return defaults;
        }
        int eq = tag.value().indexOf('=');
        String key = eq < 0 ? "" : tag.value().substring(0, eq).strip();
        if (key.isEmpty()) {
            problem(tag.node(), path + ".tag", "expected key=value like " + defaults.tagKey() + "="
                    + defaults.tagValue() + "; got '" + tag.value() + "'");
            return defaults;
        }
        return new BaselineConfig(key, tag.value().substring(eq + 1).strip());
    }

    // ---- values ----

    /**
     * A scalar after interpolation. MISSING covers absent, YAML null and blank, which every caller treats alike
     * except live.alias (which looks at the entry itself); BROKEN means a problem was already reported.
     */
    private record Text(State state, String value, YamlNode node) {
        enum State { MISSING, BROKEN, SET }

        boolean isSet() {
            return state == State.SET;
        }

        boolean isMissing() {
            return state == State.MISSING;
        }

        boolean isBroken() {
            return state == State.BROKEN;
        }
    }

    private Text text(Entry entry, String path) {
        if (entry == null) {
            return new Text(Text.State.MISSING, null, null);
        }
        YamlNode node = entry.value();
        if (!(node instanceof Scalar scalar)) {
            problem(node, path, "expected a single value; got " + YamlNode.describe(node));
            return new Text(Text.State.BROKEN, null, node);
        }
        if (scalar.text() == null) {
            return new Text(Text.State.MISSING, null, node);
        }
        String value = interpolate(scalar, path);
        if (value == null) {
            return new Text(Text.State.BROKEN, null, node);
        }
        value = value.strip(); // values from env vars often carry a trailing newline
        return new Text(value.isEmpty() ? Text.State.MISSING : Text.State.SET, value, node);
    }

    private String interpolate(Scalar scalar, String path) {
        Interpolator.Result result = Interpolator.interpolate(scalar.text(), env, path);
        for (String message : result.problems()) {
            problem(scalar, path, message);
        }
        return result.value();
    }

    private static URI httpUri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** true/false (any case); null when not set or not a boolean (then reported). */
    private Boolean bool(Text text, String path) {
        if (!text.isSet()) {
            return null;
        }
        String v = text.value().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        problem(text.node(), path, "expected true or false; got '" + text.value() + "'");
        return null;
    }

    private Duration duration(Text text, String path) {
        Matcher m = DURATION.matcher(text.value());
        if (!m.matches()) {
            problem(text.node(), path, "expected a duration like 10s, 500ms, 2m; got '" + text.value() + "'");
            return null;
        }
        ChronoUnit unit = switch (m.group(2)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
        try {
            Duration d = Duration.of(Long.parseLong(m.group(1)), unit);
            if (!d.isZero()) {
                return d;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            problem(text.node(), path, "duration is too long: '" + text.value() + "'");
            return null;
        }
        problem(text.node(), path, "expected a positive duration like 10s; got '" + text.value() + "'");
        return null;
    }

    /** Relative paths are taken from the config file's directory, so the file means the same from any cwd. */
    private Path path(Text text, String path) {
        if (!text.isSet()) {
            return null;
        }
        try {
            Path p = Path.of(text.value());
            if (p.isAbsolute() || file == null) {
                return p;
            }
            Path dir = file.toAbsolutePath().getParent();
            return dir == null ? p : dir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            problem(text.node(), path, "not a valid path: '" + text.value() + "'");
            return null;
        }
    }

    private String envName(Entry entry, String path, String defaultName) {
        Text text = text(entry, path);
        if (!text.isSet()) {
            return defaultName;
        }
        if (!ENV_NAME.matcher(text.value()).matches()) {
            problem(text.node(), path,
                    "expected an environment variable name like " + defaultName + "; got '" + text.value() + "'");
        }
        return text.value();
    }

    /** serving/features/ci/metrics: any mapping, converted to plain Java values with YAML's usual scalar types. */
    private Map<String, Object> reserved(Entry entry, String path) {
        Mapping block = mappingOrEmpty(entry, path);
        return block == null ? Map.of() : toJava(block, path);
    }

    private Map<String, Object> toJava(Mapping mapping, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries(mapping, path, null).values()) {
            String child = path + "." + e.key();
            if (isSecret(e)) {
                problemAtKey(e, child, SECRET_MESSAGE);
            }
            out.put(e.key(), toJava(e.value(), child));
        }
        return out;
    }

    private Object toJava(YamlNode node, String path) {
        if (node instanceof Mapping m) {
            return toJava(m, path);
        }
        if (node instanceof Sequence s) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < s.items().size(); i++) {
                items.add(toJava(s.items().get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(items);
        }
        Scalar scalar = (Scalar) node;
        if (scalar.text() == null) {
            return null;
        }
        String value = interpolate(scalar, path);
        return value == null || !scalar.plain() ? value : typed(value);
    }

    /** Resolves after interpolation, so "replicas: ${N:-3}" yields the number 3 just as "replicas: 3" would. */
    private static Object typed(String value) {
        Tag tag = new Resolver().resolve(NodeId.scalar, value, true);
        String digits = value.replace("_", "");
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return List.of("true", "yes", "on").contains(value.toLowerCase(Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger n = new BigInteger(digits);
                return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(digits);
            }
        } catch (NumberFormatException e) {
            // hex, octal, sexagesimal, .inf: rare in config, kept as text rather than guessed at
        }
        return value;
    }

    // ---- structure checks ----

    /** A block's mapping; YAML null ("live:" with nothing after it) counts as an empty block. Null when absent or wrong. */
    private Mapping mappingOrEmpty(Entry entry, String path) {
        if (entry == null) {
            return null;
        }
        YamlNode node = entry.value();
        if (node instanceof Mapping m) {
            return m;
        }
        if (node instanceof Scalar s && s.text() == null) {
            return new Mapping(List.of(), s.line(), s.column());
        }
        problem(node, path, "expected a mapping; got " + YamlNode.describe(node));
        return null;
    }

    /**
     * The entries of a mapping by key, first occurrence winning. Reports duplicates, non-string keys and,
     * when {@code allowed} is given, unknown keys (with any secrets hiding in them).
     */
    private Map<String, Entry> entries(Mapping mapping, String path, List<String> allowed) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : mapping.entries()) {
            if (e.key() == null) {
                problem(e.line(), e.column(), path, "keys must be plain strings");
                continue;
            }
            String child = path.isEmpty() ? e.key() : path + "." + e.key();
            Entry first = out.get(e.key());
            if (first != null) {
                problemAtKey(e, child, "duplicate key (first defined on line " + first.line() + ")");
            } else if (allowed != null && !allowed.contains(e.key())) {
                problemAtKey(e, child, "unknown key; " + suggestion(e.key(), allowed));
                scanForSecrets(e, child);
            } else {
                out.put(e.key(), e);
            }
        }
        return out;
    }

    private static String suggestion(String key, Collection<String> allowed) {
        return Suggestions.closest(key, allowed)
                .map(s -> "did you mean '" + s + "'?")
                .orElse("valid keys: " + String.join(", ", allowed));
    }

    private void scanForSecrets(Entry entry, String path) {
        if (isSecret(entry)) {
            problemAtKey(entry, path, SECRET_MESSAGE);
        }
        List<YamlNode> children = entry.value() instanceof Sequence s ? s.items() : List.of(entry.value());
        for (YamlNode child : children) {
            if (child instanceof Mapping m) {
                for (Entry e : m.entries()) {
                    if (e.key() != null) {
                        scanForSecrets(e, path + "." + e.key());
                    }
                }
            }
        }
    }

    /** A secret-sounding key with a literal value; a ${VAR} reference is fine, that is the point of interpolation. */
    private static boolean isSecret(Entry e) {
        String key = e.key().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_WORD.matcher(key).find() && !POINTER_SUFFIX.matcher(key).matches()
                && e.value() instanceof Scalar s && s.text() != null && !s.text().isBlank()
                && !Interpolator.hasReference(s.text());
    }

    private static boolean hasComplexKey(Mapping m) {
        return m.entries().stream().anyMatch(e -> e.key() == null);
    }

    private void problem(YamlNode at, String path, String message) {
        problem(at.line(), at.column(), path, message);
    }

    private void problemAtKey(Entry at, String path, String message) {
        problem(at.line(), at.column(), path, message);
    }

    private void problem(int line, int column, String path, String message) {
        problems.add(new ConfigProblem(file, line, column, path, message));
    }
}
