package dev.rollback.testsupport;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/** {@code assertThat(result).exitedWith(0).outContains("v7")}; failures print stdout and stderr. */
public final class CliResultAssert extends AbstractAssert<CliResultAssert, CliResult> {

    private CliResultAssert(CliResult actual) {
        super(actual, CliResultAssert.class);
    }

    public static CliResultAssert assertThat(CliResult actual) {
        return new CliResultAssert(actual);
    }

    public CliResultAssert succeeded() {
        return exitedWith(0);
    }

    public CliResultAssert exitedWith(int code) {
        isNotNull();
        if (actual.exitCode() != code) {
            failWithMessage("expected exit code %d but was %d in%n%s", code, actual.exitCode(), actual);
        }
        return this;
    }

    public CliResultAssert outContains(String... parts) {
        Assertions.assertThat(actual.out()).as(actual.toString()).contains(parts);
        return this;
    }

    public CliResultAssert outDoesNotContain(String... parts) {
        Assertions.assertThat(actual.out()).as(actual.toString()).doesNotContain(parts);
        return this;
    }

    public CliResultAssert errContains(String... parts) {
        Assertions.assertThat(actual.err()).as(actual.toString()).contains(parts);
        return this;
    }

    public CliResultAssert errIsEmpty() {
        Assertions.assertThat(actual.err()).as(actual.toString()).isEmpty();
        return this;
    }

    /** Errors are one line (config problems excepted), so a 2 AM reader sees the whole story. */
    public CliResultAssert errIsOneLine() {
        Assertions.assertThat(actual.err().strip().lines().count()).as(actual.toString()).isEqualTo(1);
        return this;
    }

    public CliResultAssert hasNoAnsiCodes() {
        Assertions.assertThat(actual.out() + actual.err()).as(actual.toString()).doesNotContain("\u001B[");
        return this;
    }
}
