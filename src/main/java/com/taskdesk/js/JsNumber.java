package com.taskdesk.js;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A JSON number exactly as the app's {@code JSON.stringify} writes a JavaScript number: a Prisma
 * Decimal ({@code numeric}) becomes the nearest double ({@code Number("<decimal>")}), written as
 * ECMAScript's Number::toString writes it (ECMA-262, 6.1.6.1.20): the shortest digits that read
 * back as the same double, integral values without {@code .0}, exponents only below 1e-6 and from
 * 1e21 ({@code 1e+21}, {@code 1.5e-7}). Java 17's {@code Double.toString} is not always the shortest
 * (JDK-4511638, fixed in 19: {@code 2.82879384806159E17} prints as {@code 2.82879384806159008E17})
 * and Lambda runs java21, so the digits are found here, never taken from it.
 */
@JsonSerialize(using = JsNumber.Writer.class)
public final class JsNumber {

    /** Every double has a round-tripping form of at most 17 significant digits. */
    private static final int MAX_DIGITS = 17;
    /** A decimal of at most 15 significant digits is the shortest form of the double nearest it. */
    private static final int EXACT_DIGITS = 15;

    private final String text;

    private JsNumber(String text) {
        this.text = text;
    }

    /** The stored Decimal as the app answers it; null stays null (SQL NULL is JSON null). */
    public static JsNumber of(BigDecimal decimal) {
        if (decimal == null) {
            return null;
        }
        double value = Double.parseDouble(decimal.toString());
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (Math.abs(value) >= Double.MIN_NORMAL && !Double.isInfinite(value) && stripped.precision() <= EXACT_DIGITS) {
            // its own digits: no shorter decimal reads back as the same double (15 digits always do)
            return new JsNumber(format(
                    stripped.signum() < 0,
                    stripped.unscaledValue().abs().toString(),
                    stripped.precision() - stripped.scale()));
        }
        return of(value);
    }

    /** A finite double as JavaScript writes it. */
    public static JsNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return new JsNumber("0"); // -0 too, as JavaScript writes it
        }
        BigDecimal exact = new BigDecimal(Math.abs(value));
        for (int digits = 1; digits <= MAX_DIGITS; digits++) {
            BigDecimal shortest = closestThatReadsBack(exact, Math.abs(value), digits);
            if (shortest != null) {
                return new JsNumber(format(
                        value < 0, shortest.unscaledValue().toString(), shortest.precision() - shortest.scale()));
            }
        }
        throw new IllegalStateException("no " + MAX_DIGITS + "-digit form of " + value);
    }

    /**
     * Of the two decimals of this many significant digits around {@code exact}, the one that parses
     * back to {@code value}; when both do, the closer, and on a tie the one whose last digit is even
     * (ECMA-262); null when neither does. Near a power of two the nearer one may not read back while
     * the farther one does: both are tried.
     */
    private static BigDecimal closestThatReadsBack(BigDecimal exact, double value, int digits) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
        boolean downReadsBack = Double.parseDouble(down.toString()) == value;
        boolean upReadsBack = Double.parseDouble(up.toString()) == value;
        BigDecimal chosen;
        if (downReadsBack && upReadsBack) {
            int closer = exact.subtract(down).compareTo(up.subtract(exact));
            chosen = closer < 0 || closer == 0 && !down.unscaledValue().testBit(0) ? down : up;
        } else {
            chosen = downReadsBack ? down : upReadsBack ? up : null;
        }
        return chosen == null ? null : chosen.stripTrailingZeros();
    }

    /**
     * ECMA-262 Number::toString for the digits {@code s} (no leading or trailing zero) of a value
     * {@code 0.s × 10^n}, i.e. s × 10^(n − k) for k digits.
     */
    private static String format(boolean negative, String digits, int n) {
        int k = digits.length();
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /** The JSON text of this number. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsNumber number && number.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Writes the number's text as a JSON number, unquoted. */
    static final class Writer extends StdSerializer<JsNumber> {

        Writer() {
            super(JsNumber.class);
        }

        @Override
        public void serialize(JsNumber number, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeNumber(number.text);
        }
    }
}
