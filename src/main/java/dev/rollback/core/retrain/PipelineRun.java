package dev.rollback.core.retrain;

/**
 * A started pipeline run, as much as is known: Jenkins, for instance, first answers with a queue item
 * and only later with a build number.
 *
 * @param id  the system's id for the run (GitLab pipeline id, GitHub run id, Jenkins queue item or build)
 * @param url where a person can watch it; may be empty for a webhook that returns none
 */
public record PipelineRun(String system, String id, String url) {
}
