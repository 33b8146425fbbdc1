package dev.rollback.adapters.ci;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An application/x-www-form-urlencoded body, fields in insertion order. */
public final class FormBody {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public FormBody add(String name, String value) {
        fields.add(Map.entry(name, value == null ? "" : value));
        return this;
    }

    /** "a=1&b=x+y", names and values encoded (so GitLab's variables[KEY] goes out as variables%5BKEY%5D). */
    public String encoded() {
        return fields.stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
