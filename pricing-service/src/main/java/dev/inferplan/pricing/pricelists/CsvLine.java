package dev.inferplan.pricing.pricelists;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one physical CSV line into fields, RFC 4180 style: fields are separated by commas, a
 * field may be enclosed in double quotes, and inside quotes a comma is data and a doubled quote
 * ({@code ""}) is one quote. Azure's catalog needs this for {@code "V1,V2"}, Vast's for its
 * {@code GpuInfo} and {@code "Denmark, DK, EU"} regions.
 *
 * <p>Deliberate limits: a quoted field cannot span lines (no SkyPilot catalog has one), so a
 * quote still open at the end of the line is {@link Malformed}; so is anything but a comma after
 * a closing quote. A quote inside an unquoted field ({@code 5"}) is kept as data, as Python's
 * {@code csv} module does. Fields are returned as written, without trimming.
 */
public final class CsvLine {

    private static final char SEPARATOR = ',';
    private static final char QUOTE = '"';

    private CsvLine() {
    }

    /** The line cannot be split: the reason says where. */
    public static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean unterminatedQuote;

        Malformed(String message, boolean unterminatedQuote) {
            super(message);
            this.unterminatedQuote = unterminatedQuote;
        }

        /** True when the line ended inside a quoted field (at the end of a file: a truncated file). */
        public boolean unterminatedQuote() {
            return unterminatedQuote;
        }
    }

    /** The fields of {@code line} (without its line terminator); an empty line is one empty field. */
    public static List<String> parse(String line) throws Malformed {
        List<String> fields = new ArrayList<>();
        int length = line.length();
        int i = 0;
        while (true) {
            if (i < length && line.charAt(i) == QUOTE) {
                int opening = i;
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= length) {
                        throw new Malformed("quoted field opened at character " + (opening + 1)
                                + " is not closed before the end of the line", true);
                    }
                    char c = line.charAt(i);
                    if (c == QUOTE) {
                        if (i + 1 < length && line.charAt(i + 1) == QUOTE) {
                            field.append(QUOTE);
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                fields.add(field.toString());
                if (i == length) {
                    return fields;
                }
                if (line.charAt(i) != SEPARATOR) {
                    throw new Malformed("unexpected character '" + line.charAt(i) + "' after the closing quote at character "
                            + i + " (a quoted field must be followed by a comma)", false);
                }
                i++;
            } else {
                int comma = line.indexOf(SEPARATOR, i);
                if (comma < 0) {
                    fields.add(line.substring(i));
                    return fields;
                }
                fields.add(line.substring(i, comma));
                i = comma + 1;
            }
        }
    }
}
