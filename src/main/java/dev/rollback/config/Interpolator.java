package dev.rollback.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shell-style {@code ${VAR}} / {@code ${VAR:-default}} substitution; {@code $$} is a literal {@code $}.
 * A lone {@code $} not followed by {@code {} stays as written, so values like "cost$" need no escaping.
 * Only the env map passed in is consulted, which keeps tests hermetic.
 */
final class Interpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Interpolator() {
    }

    /** @param value null when any problem was found; problems are complete messages. */
    record Result(String value, List<String> problems) {
    }

    static Result interpolate(String raw, Map<String, String> env, String path) {
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '$' || i + 1 >= raw.length() || (raw.charAt(i + 1) != '$' && raw.charAt(i + 1) != '{')) {
                out.append(c);
                i++;
                continue;
            }
            if (raw.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int close = raw.indexOf('}', i + 2);
            if (close < 0) {
                problems.add("unterminated '${' (write '$$' for a literal '$')");
                break;
            }
            String reference = raw.substring(i + 2, close);
            int split = reference.indexOf(":-");
            String name = split < 0 ? reference : reference.substring(0, split);
            if (!NAME.matcher(name).matches()) {
                problems.add("invalid variable reference '${" + reference + "}'; use ${NAME} or ${NAME:-default}");
            } else {
                String value = env.get(name);
                if (split >= 0 && (value == null || value.isEmpty())) {
                    out.append(reference.substring(split + 2)); // shell ':-' semantics: empty counts as unset
                } else if (value == null) {
                    problems.add("environment variable " + name + " is not set (referenced in " + path + ")");
                } else {
                    out.append(value);
                }
            }
            i = close + 1;
        }
        return new Result(problems.isEmpty() ? out.toString() : null, List.copyOf(problems));
    }

    /** True when the text pulls in an environment variable, i.e. is not a literal that could hold a secret. */
    static boolean hasReference(String raw) {
        return raw.replace("$$", "").contains("${");
    }
}
