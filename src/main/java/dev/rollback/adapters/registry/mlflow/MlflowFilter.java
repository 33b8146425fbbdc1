package dev.rollback.adapters.registry.mlflow;

import dev.rollback.core.registry.VersionSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@code model-versions/search} filter. MLflow's grammar: clauses joined by AND only;
 * strings quoted with ' (or " when the value holds a '; there is no escape), tag keys in
 * backticks. {@code version_number IN (...)} is rejected by the server ("Only ['name', 'run_id']
 * attributes support comparison with a list"), so a version list becomes
 * {@code version_number = N} or a {@code >= min AND <= max} range that the caller narrows.
 */
final class MlflowFilter {

    private MlflowFilter() {
    }

    /** The filter, or empty when nothing can match (every requested version is non-numeric). */
    static Optional<String> of(VersionSearch search) {
        List<String> clauses = new ArrayList<>();
        clauses.add("name = " + quote(search.modelName()));
        new TreeMap<>(search.tagEquals()).forEach((k, v) -> clauses.add("tags." + backtick(k) + " = " + quote(v)));
        if (!search.versions().isEmpty()) {
            List<Long> numbers = numbers(search.versions());
            if (numbers.isEmpty()) {
                return Optional.empty();
            }
            long min = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = numbers.stream().mapToLong(Long::longValue).max().orElseThrow();
            if (min == max) {
                clauses.add("version_number = " + min);
            } else {
                clauses.add("version_number >= " + min);
                clauses.add("version_number <= " + max);
            }
        }
        return Optional.of(String.join(" AND ", clauses));
    }

    static List<Long> numbers(List<String> versions) {
        List<Long> out = new ArrayList<>();
        for (String v : versions) {
            if (v != null && v.trim().matches("\\d{1,18}")) {
                out.add(Long.parseLong(v.trim()));
            }
        }
        return out;
    }

    static String quote(String value) {
        if (value.indexOf('\'') < 0) {
            return "'" + value + "'";
        }
        if (value.indexOf('"') < 0) {
            return "\"" + value + "\"";
        }
        throw new IllegalArgumentException("MLflow's search filter cannot express a value holding both ' and \": "
                + value);
    }

    static String backtick(String key) {
        if (key.indexOf('`') >= 0) {
            throw new IllegalArgumentException("MLflow's search filter cannot express a tag key holding a backtick: "
                    + key);
        }
        return "`" + key + "`";
    }

    /** Search results narrowed to the requested versions (the server filter may be a range). */
    static boolean wanted(VersionSearch search, String version) {
        if (search.versions().isEmpty()) {
            return true;
        }
        return numbers(search.versions()).stream().anyMatch(n -> String.valueOf(n).equals(version));
    }
}
