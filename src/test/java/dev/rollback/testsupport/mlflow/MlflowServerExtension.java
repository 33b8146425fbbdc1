package dev.rollback.testsupport.mlflow;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(MlflowServerExtension.class)}: injects the shared {@link MlflowServer} into
 * test constructors, {@code @BeforeAll} and test methods.
 */
public final class MlflowServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return MlflowServer.shared();
    }
}
