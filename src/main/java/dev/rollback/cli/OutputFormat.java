package dev.rollback.cli;

public enum OutputFormat {
    table,
    json
}
