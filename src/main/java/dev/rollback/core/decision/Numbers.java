package dev.rollback.core.decision;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers for people: four significant digits, no exponent, no trailing zeros (0.04, 1250, 0.1235). */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
