package dev.rollback.adapters.features.git;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The environment every git and dvc child gets: the caller's, minus what would redirect or hang them. */
final class ChildEnvironment {

    // Set by git for hooks and by some shells/IDEs: inherited, they would point git at another repository or index.
    private static final List<String> REPOSITORY_LOCATION = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX");

    private ChildEnvironment() {
    }

    static Map<String, String> of(Map<String, String> callerEnv) {
        Map<String, String> env = new HashMap<>(callerEnv);
        REPOSITORY_LOCATION.forEach(env::remove);
        env.put("GIT_TERMINAL_PROMPT", "0"); // a missing credential fails instead of waiting for a typed password
        env.put("DVC_NO_ANALYTICS", "1"); // a rollback never reports usage to dvc.org
        return env;
    }

    /** git's messages in English, so the few we recognise ("remote ref does not exist") match in every locale. */
    static Map<String, String> forGit(Map<String, String> childEnv) {
        Map<String, String> env = new HashMap<>(childEnv);
        env.put("LC_ALL", "C");
        return env;
    }
}
