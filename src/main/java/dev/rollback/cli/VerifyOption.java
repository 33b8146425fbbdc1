package dev.rollback.cli;

import picocli.CommandLine.Option;

/** For rollbacks of what serves users (model, infra, features): verify recovery with the metrics afterwards. */
final class VerifyOption {

    @Option(names = "--no-verify", description = "Do not watch the metrics after the rollback (services with a "
            + "metrics section are verified by default).")
    boolean noVerify;
}
