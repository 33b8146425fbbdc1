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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How {@link ConfigBinder} reads the YAML tree: scalars after ${VAR} interpolation, durations, paths, env-var
 * names, structure checks (mappings, unknown keys, secrets), and every problem found, with its file, line,
 * column and key path. It never stops at the first problem.
 */
final class ConfigReader {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET_WORD = Pattern.compile("token|passw(or)?d|secret");
    // Keys that merely point at a secret (tokenEnv, passwordFile, secretName, tokenUrl) are not secrets.
    private static final Pattern POINTER_SUFFIX = Pattern.compile(".*(env|file|path|name|ref|url|uri)");
    private static final String SECRET_MESSAGE =
            "do not put secrets in the config file; name an environment variable with tokenEnv/passwordEnv instead";

    private final Path file;
    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(Path file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** How many problems so far: a block whose binding added some is left out of the result. */
    int problemCount() {
        return problems.size();
    }

    /** Throws every problem found, in file order; does nothing when there is none. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            // File order reads top-down like the file; the sort is stable, so same-spot problems keep their order.
            problems.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(problems);
        }
    }

    Path file() {
        return file;
    }

    /**
     * A scalar after interpolation. MISSING covers absent, YAML null and blank, which every caller treats alike
     * except live.alias (which looks at the entry itself); BROKEN means a problem was already reported.
     */
    record Text(State state, String value, YamlNode node) {
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

    Text text(Entry entry, String path) {
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

    static URI httpUri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** true/false (any case); null when not set or not a boolean (then reported). */
    Boolean bool(Text text, String path) {
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

    Duration duration(Text text, String path) {
        Optional<Duration> d;
        try {
            d = DurationText.parse(text.value());
        } catch (ArithmeticException e) {
            problem(text.node(), path, "duration is too long: '" + text.value() + "'");
            return null;
        }
        if (d.isEmpty()) {
            problem(text.node(), path, "expected a duration like 10s, 500ms, 2m; got '" + text.value() + "'");
            return null;
        }
        if (!d.get().isZero()) {
            return d.get();
        }
        problem(text.node(), path, "expected a positive duration like 10s; got '" + text.value() + "'");
        return null;
    }

    /** Relative paths are taken from the config file's directory, so the file means the same from any cwd. */
    Path path(Text text, String path) {
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

    String envName(Entry entry, String path, String defaultName) {
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
    Map<String, Object> reserved(Entry entry, String path) {
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
    Mapping mappingOrEmpty(Entry entry, String path) {
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
    Map<String, Entry> entries(Mapping mapping, String path, List<String> allowed) {
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

    static boolean hasComplexKey(Mapping m) {
        return m.entries().stream().anyMatch(e -> e.key() == null);
    }

    void problem(YamlNode at, String path, String message) {
        problem(at.line(), at.column(), path, message);
    }

    void problemAtKey(Entry at, String path, String message) {
        problem(at.line(), at.column(), path, message);
    }

    void problem(int line, int column, String path, String message) {
        problems.add(new ConfigProblem(file, line, column, path, message));
    }
}
