package dev.rollback.adapters.ci.jenkins;

import dev.rollback.core.retrain.PipelineRun;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jenkins first answers with a queue item ("queue:N"), and only once an executor picks it up with a build
 * ("build:M"). status() accepts either, so a caller that kept the first PipelineRun still gets answers
 * (until Jenkins forgets the queue item, minutes after the build started), and one that keeps the refined
 * run from the last status never depends on the queue at all.
 */
record JenkinsRunId(boolean queued, long number) {

    private static final Pattern ID = Pattern.compile("(queue|build):(\\d+)");
    private static final Pattern QUEUE_LOCATION = Pattern.compile(".*/queue/item/(\\d+)/?");

    static JenkinsRunId parse(PipelineRun run) {
        Matcher m = ID.matcher(run.id());
        if (!JenkinsCi.SYSTEM.equals(run.system()) || !m.matches()) {
            throw new IllegalArgumentException("not a Jenkins queue item or build: " + run);
        }
        return new JenkinsRunId(m.group(1).equals("queue"), Long.parseLong(m.group(2)));
    }

    /** The queue item in a buildWithParameters answer's Location header, if that is what it names. */
    static Optional<Long> queueItemIn(String location) {
        Matcher m = QUEUE_LOCATION.matcher(location.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    static String queue(long number) {
        return "queue:" + number;
    }

    static String build(long number) {
        return "build:" + number;
    }
}
