package de.stadtwerk.hub.publish.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A response before it goes on the wire: status, content type, body and headers. {@link #conditional} adds the
 * ETag and answers 304 to a matching If-None-Match; {@link #compressed} gzips larger bodies when the client
 * accepts it.
 */
final class ApiResponse {

    final int status;
    final String contentType;
    byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();
    private int finalStatus;

    ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.finalStatus = status;
        this.contentType = contentType;
        this.body = body;
    }

    static ApiResponse of(Output.Format format, Object json, List<String> columns, List<Map<String, Object>> rows) {
        return switch (format) {
            case JSON -> new ApiResponse(200, Output.JSON, Output.json(json));
            case CSV -> new ApiResponse(200, Output.CSV + "; charset=utf-8", Output.csv(columns, rows, false));
            case CSV_DE -> new ApiResponse(200, Output.CSV + "; charset=utf-8", Output.csv(columns, rows, true))
                    .header("Content-Language", "de");
        };
    }

    static ApiResponse problem(ApiProblem p, String instance) {
        ApiResponse r = new ApiResponse(p.status(), Output.PROBLEM, Output.problem(p, instance));
        r.headers.putAll(p.headers());
        r.header("Cache-Control", "no-store");
        return r;
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, null, null);
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return finalStatus;
    }

    /** Sets a strong ETag on a 200 response and turns it into 304 when If-None-Match names it. */
    ApiResponse conditional(String ifNoneMatch) {
        if (status != 200 || body == null) {
            return this;
        }
        String etag = "\"" + sha256(body) + "\"";
        headers.put("ETag", etag);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            finalStatus = 304;
            body = null;
        }
        return this;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag) || t.equals(etag.replace("\"", "").concat("-gzip"))
                    || t.equals(etag.substring(0, etag.length() - 1) + "-gzip\"")) {
                return true;
            }
        }
        return false;
    }

    /** Gzips the body when the client accepts gzip and the body has at least {@code minSize} bytes. */
    ApiResponse compressed(String acceptEncoding, int minSize) {
        if (body == null || body.length < minSize || acceptEncoding == null || !acceptEncoding.toLowerCase().contains("gzip")) {
            return this;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED); // repetitive JSON/CSV: nearly the ratio of level 6, far less CPU
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body = out.toByteArray();
        headers.put("Content-Encoding", "gzip");
        String etag = headers.get("ETag");
        if (etag != null) {
            headers.put("ETag", etag.substring(0, etag.length() - 1) + "-gzip\"");
        }
        return this;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
