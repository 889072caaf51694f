package de.stadtwerk.hub.parse.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an API answer as a JSON tree and turns everything that is not JSON (an HTML error page served with
 * status 200, an empty body, a truncated answer) into a {@link BadInputException} that says so.
 */
public final class JsonInput {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonInput() {
    }

    /** Parses {@code body}; {@code what} names the input in error messages (e.g. "SMARD series JSON"). */
    public static JsonNode read(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new BadInputException(what + " is empty");
        }
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1).stripLeading();
        }
        if (head.isEmpty()) {
            throw new BadInputException(what + " is empty (only white space)");
        }
        if (head.startsWith("<")) {
            String title = looksLikeHtml(head) ? title(body) : null;
            throw new BadInputException(what + " is not JSON but " + (looksLikeHtml(head) ? "an HTML page" : "XML/markup")
                    + (title != null ? " titled '" + title + "'" : " starting with '" + snippet(head) + "'"));
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException(what + " is not valid JSON" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(what + " could not be read: " + e.getMessage(), e);
        }
    }

    public static JsonNode read(InputStream in, String what) {
        try {
            return read(in.readAllBytes(), what);
        } catch (IOException e) {
            throw new BadInputException(what + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The object field {@code name} of {@code parent}, or a {@link BadInputException} naming it. */
    public static JsonNode require(JsonNode parent, String name, String what) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new BadInputException(what + " has no '" + name + "' field" + keys(parent));
        }
        return n;
    }

    /** The field names of an object, for error messages: " (fields: a, b, c)". */
    public static String keys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (fields: ");
        var it = node.fieldNames();
        int n = 0;
        while (it.hasNext() && n < 12) {
            sb.append(n++ == 0 ? "" : ", ").append(it.next());
        }
        return n == 0 ? " (empty object)" : sb.append(it.hasNext() ? ", …)" : ")").toString();
    }

    private static boolean looksLikeHtml(String head) {
        String h = head.toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("<!doctype html") || h.startsWith("<html") || h.contains("<html") || h.contains("<head")
                || h.contains("<body");
    }

    /** The text of the page's {@code <title>} (in its first 4 KB), or null. */
    private static String title(byte[] body) {
        String page = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("(?is)<title[^>]*>(.*?)</title>").matcher(page);
        if (!m.find()) {
            return null;
        }
        String t = m.group(1).replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? null : snippet(t);
    }

    private static String snippet(String head) {
        String oneLine = head.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
