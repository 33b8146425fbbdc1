package dev.rollback.adapters.registry.mlflow;

import dev.rollback.core.registry.RegistryException;

/**
 * A {@link RegistryException} that keeps what MLflow answered (HTTP status, {@code error_code},
 * message), so the adapter can tell "alias not set" from other 400s. Status 0 = no HTTP answer.
 */
public final class MlflowApiException extends RegistryException {

    private final int httpStatus;
    private final String errorCode;
    private final String mlflowMessage;

    MlflowApiException(Kind kind, String registryUri, String message, int httpStatus, String errorCode,
            String mlflowMessage, Throwable cause) {
        super(kind, registryUri, message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode == null ? "" : errorCode;
        this.mlflowMessage = mlflowMessage == null ? "" : mlflowMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** MLflow's {@code error_code} ("RESOURCE_DOES_NOT_EXIST"), empty when the body had none. */
    public String errorCode() {
        return errorCode;
    }

    /** MLflow's own {@code message}, empty when the body had none. */
    public String mlflowMessage() {
        return mlflowMessage;
    }

    /** MLflow's answer for an alias that is not set: 400 INVALID_PARAMETER_VALUE "Registered model alias X not found." */
    boolean isMissingAlias() {
        String m = mlflowMessage.toLowerCase(java.util.Locale.ROOT);
        return (httpStatus == 400 || httpStatus == 404) && m.contains("alias") && m.contains("not found");
    }
}
