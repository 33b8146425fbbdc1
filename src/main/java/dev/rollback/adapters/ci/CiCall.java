package dev.rollback.adapters.ci;

/**
 * What a call is about, for its error messages.
 *
 * @param system    "GitLab", "GitHub", "Jenkins", "webhook"
 * @param location  where the system is, as configured ("https://gitlab.example.com")
 * @param token     the token this call uses, as named in messages ("trigger token"), or null for none
 * @param authHint  the end of "... rejected the trigger token (401): check it is valid and has ..."
 * @param notFound  the whole NOT_FOUND message ("GitLab project ml/recsys not found (or the token cannot see it)")
 */
public record CiCall(String system, String location, String token, String authHint, String notFound) {
}
