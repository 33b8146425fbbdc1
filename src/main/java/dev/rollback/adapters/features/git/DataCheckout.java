package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the DVC outputs the checked-out dvc.lock / .dvc files name into the workspace: from the local cache, else
 * from the DVC remote; without a remote that has them, the rollback stops with DATA_MISSING naming what is missing.
 */
final class DataCheckout {

    /** What changed in the workspace, and the remote it came from when the cache lacked it. */
    record Outcome(int outputsCheckedOut, Optional<String> pulledFrom) {
    }

    // "A       data/encoder.bin": one line per output dvc checkout / pull added, modified or deleted
    private static final Pattern CHANGED_OUTPUT = Pattern.compile("^[AMD]\\s+(\\S.*)$", Pattern.MULTILINE);
    private static final String MISSING_MARKER = "Checkout failed for following targets:";

    private final RepoTool dvc;
    private final String configuredRemote;
    private final String remoteKey;

    /**
     * @param configuredRemote the DVC remote rollback.yaml names; null to use the repository's default remote
     * @param remoteKey        the rollback.yaml key that sets it, for the DATA_MISSING hint
     */
    DataCheckout(RepoTool dvc, String configuredRemote, String remoteKey) {
        this.dvc = dvc;
        this.configuredRemote = configuredRemote;
        this.remoteKey = remoteKey;
    }

    Outcome checkout() {
        // --force: without it dvc refuses to replace an output that is not in its cache (a prompt, which fails on
        // our closed stdin), e.g. the previous version's data after the cache was cleaned. Forcing is acceptable
        // because the caller checks out only a working tree it found clean, where dvc status reported no modified
        // output: what gets replaced is data the previous commit records (and the remote normally holds).
        ProcessRunner.Result checkout = dvc.call("checkout", "--force").timeout(RepoTool.SLOW).tryRun();
        Set<String> changed = changedOutputs(checkout.out());
        if (checkout.ok()) {
            return new Outcome(changed.size(), Optional.empty());
        }
        if (!lacksData(checkout.stderr())) {
            throw dvc.call("checkout").failure(checkout);
        }
        List<String> missing = missingTargets(checkout.stderr());
        String remote = remote().orElseThrow(() -> new FeatureRepoException(Kind.DATA_MISSING, "the DVC cache in "
                + dvc.workDir() + " lacks " + describe(missing) + " and there is no DVC remote to pull from; add one "
                + "(dvc remote add -d NAME URL) or set " + remoteKey + ", or run `dvc pull` there by hand"));
        List<String> args = new ArrayList<>(List.of("pull", "--force"));
        if (configuredRemote != null) {
            args.addAll(List.of("--remote", configuredRemote));
        }
        ProcessRunner.Result pull = dvc.call(args).timeout(RepoTool.SLOW).tryRun();
        if (!pull.ok()) {
            if (lacksData(pull.stderr())) {
                throw new FeatureRepoException(Kind.DATA_MISSING, "neither the DVC cache in " + dvc.workDir()
                        + " nor the DVC remote '" + remote + "' has " + describe(missingTargets(pull.stderr(), missing))
                        + "; run `dvc push` where that data was produced, then retry");
            }
            throw new FeatureRepoException(Kind.FAILED, "dvc pull from remote '" + remote + "' failed in "
                    + dvc.workDir() + ": " + ErrorLines.reason(pull.stderr(), pull.exitCode()));
        }
        changed.addAll(changedOutputs(pull.out()));
        return new Outcome(changed.size(), Optional.of(remote));
    }

    private Optional<String> remote() {
        if (configuredRemote != null) {
            return Optional.of(configuredRemote);
        }
        ProcessRunner.Result r = dvc.call("remote", "default").tryRun(); // exit 1 "No default remote set"
        String name = r.ok() ? r.out().strip() : "";
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static boolean lacksData(String stderr) {
        return stderr.contains(MISSING_MARKER) || stderr.contains("missing-files");
    }

    private static Set<String> changedOutputs(String stdout) {
        Set<String> paths = new TreeSet<>();
        Matcher m = CHANGED_OUTPUT.matcher(stdout);
        while (m.find()) {
            paths.add(m.group(1).strip());
        }
        return paths;
    }

    /** The outputs dvc lists after "Checkout failed for following targets:", up to its hint lines. */
    private static List<String> missingTargets(String stderr) {
        return missingTargets(stderr, List.of());
    }

    private static List<String> missingTargets(String stderr, List<String> otherwise) {
        int at = stderr.lastIndexOf(MISSING_MARKER);
        if (at < 0) {
            return otherwise;
        }
        List<String> targets = new ArrayList<>();
        for (String line : stderr.substring(at + MISSING_MARKER.length()).split("\\R")) {
            String t = line.strip();
            if (t.startsWith("Is your cache up to date?") || t.startsWith("<http")) {
                break;
            }
            if (!t.isEmpty()) {
                targets.add(t);
            }
        }
        return targets.isEmpty() ? otherwise : targets;
    }

    private static String describe(List<String> outputs) {
        return outputs.isEmpty() ? "some outputs (see dvc status)" : String.join(", ", outputs);
    }
}
