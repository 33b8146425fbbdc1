package dev.rollback.core.registry;

import java.util.Map;
import java.util.Optional;

/**
 * A registered model with its aliases ({@code alias -> version}) and model-level tags.
 */
public record RegisteredModel(String name, Map<String, String> aliases, Map<String, String> tags) {

    public RegisteredModel {
        aliases = Map.copyOf(aliases);
        tags = Map.copyOf(tags);
    }

    public Optional<String> aliasVersion(String alias) {
        return Optional.ofNullable(aliases.get(alias));
    }
}
