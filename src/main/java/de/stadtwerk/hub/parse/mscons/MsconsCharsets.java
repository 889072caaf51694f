package de.stadtwerk.hub.parse.mscons;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character set of an interchange, from a UTF-8 byte order mark or the UNB syntax identifier:
 * {@code UNOW}/{@code UNOY} are UTF-8, {@code UNOA}/{@code UNOB}/{@code UNOC} (and anything else) ISO-8859-1,
 * which also reads plain ASCII.
 */
final class MsconsCharsets {

    private static final int PEEK = 512;
    private static final Pattern SYNTAX = Pattern.compile("UNB.(UNO[A-Z])");

    private MsconsCharsets() {
    }

    /** Looks at the first bytes without consuming them (skips a UTF-8 BOM). */
    static Charset detect(BufferedInputStream in) {
        try {
            in.mark(PEEK);
            byte[] head = in.readNBytes(PEEK);
            in.reset();
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                in.skipNBytes(3);
                return StandardCharsets.UTF_8;
            }
            Matcher m = SYNTAX.matcher(new String(head, StandardCharsets.ISO_8859_1));
            if (m.find() && (m.group(1).equals("UNOW") || m.group(1).equals("UNOY"))) {
                return StandardCharsets.UTF_8;
            }
            return StandardCharsets.ISO_8859_1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
