package dev.rollback.adapters.serving.helm;

import dev.rollback.adapters.serving.helm.HelmHistory.Entry;
import dev.rollback.core.infra.GitOpsOwner;
import dev.rollback.core.serving.ServingException;
import dev.rollback.core.serving.ServingException.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads a release's history and, per revision, what it runs: images (manifest) and model reference (values). */
final class HelmReleaseReader {

    /** At most this many helm processes at once for a history: each is a Go binary that lists the release Secrets. */
    static final int PARALLEL = 4;

    /** What a revision runs; {@code modelProblem} says why modelReference is "" when a value path was set. */
    record Content(List<String> images, String modelReference, String modelProblem, Optional<GitOpsOwner> gitOps) {
    }

    private final HelmCli cli;
    private final String namespace;
    private final String release;
    private final String valuePath;
    private final String object;

    HelmReleaseReader(HelmCli cli, String namespace, String release, String valuePath, String object) {
        this.cli = cli;
        this.namespace = namespace;
        this.release = release;
        this.valuePath = valuePath == null || valuePath.isBlank() ? null : valuePath;
        this.object = object;
    }

    List<Entry> history() {
        return HelmHistory.parse(cli.run(namespace, List.of("history", release, "-o", "json", "--max", "256")), object);
    }

    Content content(long revision) {
        String rev = Long.toString(revision);
        HelmManifest manifest = HelmManifest.parse(cli.run(namespace, List.of("get", "manifest", release, "--revision", rev)));
        String model = "";
        String problem = "";
        if (valuePath != null) {
            HelmValues.Lookup l = HelmValues.lookup(
                    cli.run(namespace, List.of("get", "values", release, "--revision", rev, "-o", "json", "--all")),
                    valuePath, object + " revision " + rev);
            model = l.value().orElse("");
            problem = l.problem();
        }
        return new Content(manifest.images(), model, problem, manifest.gitOps());
    }

    /** Contents of many revisions, {@value #PARALLEL} helm calls at a time, keyed in the order asked. */
    Map<Long, Content> contents(List<Long> revisions) {
        Map<Long, Content> out = new LinkedHashMap<>();
        if (revisions.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, revisions.size()), r -> {
            Thread t = new Thread(r, "helm-history");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Content>> futures = new ArrayList<>();
            for (long r : revisions) {
                futures.add(pool.submit(() -> content(r)));
            }
            for (int i = 0; i < revisions.size(); i++) {
                out.put(revisions.get(i), futures.get(i).get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ServingException(Kind.REJECTED, "could not read " + object + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(Kind.UNREACHABLE, "interrupted while reading " + object, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** "revision 7 (chart recsys-1.2.3, app 2.4.1, images a:1, b:2, model m)" for plans. */
    static String describe(Entry e, Content c) {
        StringBuilder s = new StringBuilder(e.label());
        s.append(", images ").append(c.images().isEmpty() ? "none" : String.join(", ", c.images()));
        if (!c.modelReference().isEmpty()) {
            s.append(", model ").append(c.modelReference());
        }
        if (!e.status().equals("deployed") && !e.status().equals("superseded")) {
            s.append(", ").append(e.status());
        }
        return s.append(')').toString();
    }
}
