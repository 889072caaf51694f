package de.stadtwerk.hub.parse.mscons;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads EDIFACT segments one at a time from a {@link Reader}, so a file of any size needs only the memory of
 * one segment. Understands the UNA service string advice (or uses the defaults {@code :+.? '}), the release
 * character before any service character, and ignores CR and LF outside released positions (segments one per
 * line, all on one line, or wrapped at a fixed width all read the same).
 */
final class SegmentReader {

    /** Longest segment accepted; a longer one means a wrong or missing segment terminator. */
    static final int MAX_SEGMENT_LENGTH = 100_000;


    private final Reader in;
    private final EdifactSyntax syntax;
    private final boolean hadUna;
    private final StringBuilder pending = new StringBuilder();
    private final char[] buffer = new char[8192];
    private final StringBuilder value = new StringBuilder(64);
    private final StringBuilder raw = new StringBuilder(128);
    private int bufferPos;
    private int bufferLen;
    private long count;

    SegmentReader(Reader reader) {
        this.in = reader;
        try {
            char[] head = new char[9];
            int n = 0;
            int r;
            while (n < 9 && (r = in.read(head, n, 9 - n)) > 0) {
                n += r;
            }
            String start = new String(head, 0, Math.max(n, 0));
            if (start.startsWith("\uFEFF")) {
                start = start.substring(1);
                int c = in.read();
                if (c >= 0) {
                    start = start + (char) c;
                }
            }
            if (start.startsWith("UNA")) {
                if (start.length() < 9) {
                    throw new MsconsFileException(0, "the UNA service string advice is cut short: '" + start + "'");
                }
                try {
                    syntax = EdifactSyntax.fromUna(start.substring(3, 9));
                } catch (IllegalArgumentException e) {
                    throw new MsconsFileException(0, "bad UNA service string advice '" + start + "': " + e.getMessage());
                }
                hadUna = true;
            } else {
                syntax = EdifactSyntax.DEFAULT;
                pending.append(start);
                hadUna = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EdifactSyntax syntax() {
        return syntax;
    }

    boolean hadUna() {
        return hadUna;
    }

    /** The next segment, or null at the end of input after a complete segment. */
    Segment next() {
        List<List<String>> elements = new ArrayList<>(6);
        List<String> components = new ArrayList<>(4);
        StringBuilder value = this.value;
        StringBuilder raw = this.raw;
        value.setLength(0);
        raw.setLength(0);
        final char terminator = syntax.segmentTerminator();
        final char release = syntax.releaseChar();
        final boolean hasRelease = release != EdifactSyntax.NO_RELEASE;
        final char elementSep = syntax.elementSeparator();
        final char componentSep = syntax.componentSeparator();
        boolean released = false;
        while (true) {
            int c = pending.length() == 0 && bufferPos < bufferLen ? buffer[bufferPos++] : read();
            if (c < 0) {
                if (raw.length() == 0) {
                    return null;
                }
                throw new MsconsFileException(count + 1, "the file ends inside segment '" + shorten(raw)
                        + "' without the segment terminator '" + terminator + "': truncated file");
            }
            char ch = (char) c;
            if (released) {
                value.append(ch);
                raw.append(ch);
                released = false;
                continue;
            }
            if (ch == '\r' || ch == '\n') {
                continue;
            }
            if (raw.length() >= MAX_SEGMENT_LENGTH) {
                throw new MsconsFileException(count + 1, "no segment terminator '" + terminator
                        + "' within " + MAX_SEGMENT_LENGTH + " characters after '" + shorten(raw)
                        + "': wrong separators (UNA " + (hadUna ? "given" : "missing, defaults :+.? ' used") + ")?");
            }
            if (ch == terminator) {
                components.add(value.toString());
                elements.add(components);
                count++;
                return toSegment(elements, raw.toString());
            }
            raw.append(ch);
            if (hasRelease && ch == release) {
                released = true;
            } else if (ch == elementSep) {
                components.add(value.toString());
                elements.add(components);
                components = new ArrayList<>(4);
                value.setLength(0);
            } else if (ch == componentSep) {
                components.add(value.toString());
                value.setLength(0);
            } else {
                value.append(ch);
            }
        }
    }

    /** A segment tag: an upper-case letter and two upper-case letters or digits. */
    private static boolean isTag(String tag) {
        if (tag.length() != 3 || tag.charAt(0) < 'A' || tag.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < 3; i++) {
            char c = tag.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private Segment toSegment(List<List<String>> elements, String raw) {
        List<String> first = elements.get(0);
        String tag = first.get(0);
        if (first.size() != 1 || !isTag(tag)) {
            throw new MsconsFileException(count, "'" + shorten(raw) + "' does not start with a segment tag"
                    + " followed by '" + syntax.elementSeparator() + "': wrong separators?");
        }
        // the lists are new for every segment and not kept here: a read-only view, no copy
        return new Segment(count, tag, java.util.Collections.unmodifiableList(elements.subList(1, elements.size())), raw);
    }

    private int read() {
        if (pending.length() > 0) {
            char c = pending.charAt(0);
            pending.deleteCharAt(0);
            return c;
        }
        if (bufferPos == bufferLen) {
            try {
                int n;
                do {
                    n = in.read(buffer, 0, buffer.length);
                } while (n == 0);
                if (n < 0) {
                    return -1;
                }
                bufferLen = n;
                bufferPos = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return buffer[bufferPos++];
    }

    private static String shorten(CharSequence s) {
        return s.length() <= 80 ? s.toString() : s.subSequence(0, 80) + "…";
    }
}
