package dev.inferplan.pricing.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file read record by record (RFC 4180: quoted fields, doubled quotes), as strict UTF-8
 * (a malformed byte is an {@link ImportFormatException} with its line, never a replacement
 * character), with columns looked up by header name. A final line without its newline whose
 * field count does not match the header is a truncated file.
 */
public final class CsvSource implements AutoCloseable {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[8192];
    private boolean endedWithNewline = true;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> header;
    private long line;

    public CsvSource(InputStream in) throws IOException {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        String first = nextLine();
        if (first == null || first.isBlank()) {
            throw new ImportFormatException(0, null, "empty file: no header line");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        this.header = split(first, 1);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim(), i);
        }
    }

    public List<String> header() {
        return header;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Fails the whole file naming the first required column that is missing. */
    public void require(List<String> required) {
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw new ImportFormatException(1, column, "missing column '" + column + "' in header " + header);
            }
        }
    }

    /** The next record, or empty at the end; blank lines are skipped. */
    public Optional<Record> next() throws IOException {
        String text;
        do {
            text = nextLine();
            if (text == null) {
                return Optional.empty();
            }
        } while (text.isBlank());
        return Optional.of(new Record(line, split(text, line)));
    }

    public long line() {
        return line;
    }

    /** Whether the file's last line ended with a newline (false: probably cut off). */
    public boolean endedWithNewline() {
        return endedWithNewline;
    }

    // Lines are split on bytes and each is decoded on its own, so a malformed byte is reported on
    // its own line (a decoding reader reads ahead and would fail on an earlier one).
    private String nextLine() throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
        }
        if (b < 0 && length == 0) {
            return null;
        }
        endedWithNewline = b == '\n';
        line++;
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(buffer, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportFormatException(line, null, "not UTF-8: malformed bytes at line " + line);
        }
    }

    /** One record: fields by header name, with its line for reports. */
    public final class Record {
        private final long line;
        private final List<String> fields;

        Record(long line, List<String> fields) {
            this.line = line;
            this.fields = fields;
        }

        public long line() {
            return line;
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

    static List<String> split(String text, long line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new ImportFormatException(line, null, "unterminated quoted field at line " + line + " (truncated file?)");
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
