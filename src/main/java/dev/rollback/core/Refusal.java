package dev.rollback.core;

/** The request cannot be carried out as asked; nothing was changed. The message says why and what to do. */
public class Refusal extends RuntimeException {

    public Refusal(String message) {
        super(message);
    }
}
