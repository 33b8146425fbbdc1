package dev.rollback.adapters;

/** An adapter that counts its HTTP round trips (retries included), so a command can report what it cost. */
public interface CountsRequests {

    long requestCount();
}
