package dev.inferplan.pricing.pricelists;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file read record by record with columns looked up by header name, over
 * {@link Utf8LineReader} (strict UTF-8, the faulty line named) and {@link CsvLine} (RFC 4180).
 * Blank lines are skipped.
 */
public final class CsvSource implements AutoCloseable {

    private final InputStream in;
    private final Utf8LineReader lines;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> header;

    public CsvSource(InputStream in) throws IOException {
        this.in = in;
        this.lines = new Utf8LineReader(in);
        Utf8LineReader.Line first = lines.next();
        if (first == null || first.text().isBlank()) {
            throw new ImportFormatException(0, null, "empty file: no header line");
        }
        String text = first.text().startsWith("\uFEFF") ? first.text().substring(1) : first.text();
        this.header = fields(text, first.number(), true);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim(), i);
        }
    }

    public List<String> header() {
        return header;
    }

    /** Fails the whole file naming the first required column that is missing. */
    public void require(List<String> required) {
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw new ImportFormatException(1, column, "missing column '" + column + "' in the header");
            }
        }
    }

    /** The next record, or empty at the end. */
    public Optional<Record> next() throws IOException {
        Utf8LineReader.Line line;
        do {
            line = lines.next();
            if (line == null) {
                return Optional.empty();
            }
        } while (line.text().isBlank());
        return Optional.of(new Record(line.number(), fields(line.text(), line.number(), !line.terminated()),
                line.terminated()));
    }

    private static List<String> fields(String text, long number, boolean last) {
        try {
            return CsvLine.parse(text);
        } catch (CsvLine.Malformed e) {
            throw new ImportFormatException(number, null, (last && e.unterminatedQuote() ? "truncated file: " : "")
                    + "line " + number + ": " + e.getMessage());
        }
    }

    /** One record: fields by header name, its line for reports, and whether a line break ended it. */
    public final class Record {
        private final long line;
        private final List<String> fields;
        private final boolean terminated;

        Record(long line, List<String> fields, boolean terminated) {
            this.line = line;
            this.fields = fields;
            this.terminated = terminated;
        }

        public long line() {
            return line;
        }

        /** False only for a last line without a line break (a file cut off mid-row, if incomplete). */
        public boolean terminated() {
            return terminated;
        }

        /** Whether the record has as many fields as the header. */
        public boolean complete() {
            return fields.size() == header.size();
        }

        public int size() {
            return fields.size();
        }

        /** The trimmed value, "" when absent or the column is unknown. */
        public String get(String column) {
            Integer index = columns.get(column);
            return index == null || index >= fields.size() ? "" : fields.get(index).trim();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
