package de.stadtwerk.hub.publish.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The API's representations: JSON documents (explicit field maps built by the handlers, so nothing internal leaks),
 * CSV tables in two flavours: international ({@code ,} and decimal point) and German Excel ({@code ;}, decimal
 * comma, UTF-8 BOM), and problem details (RFC 9457).
 */
final class Output {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String CSV = "text/csv";

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** What a response is written as. */
    enum Format {
        JSON, CSV, CSV_DE;

        /** {@code format} (json|csv) wins over {@code Accept}; {@code locale=de} or Accept-Language de makes German CSV. */
        static Format of(ApiRequest r) {
            String format = r.param("format");
            boolean csv;
            if (format != null) {
                if (!format.equals("json") && !format.equals("csv")) {
                    throw ApiProblem.badRequest("format must be json or csv, was '" + ApiProblem.echo(format) + "'");
                }
                csv = format.equals("csv");
            } else {
                String accept = r.headerLower("Accept");
                csv = accept.contains("text/csv") && !accept.contains("application/json");
                if (!accept.isEmpty() && !csv && !accept.contains("json") && !accept.contains("*/*")
                        && !accept.contains("application/*")) {
                    throw new ApiProblem(406, "Not acceptable", "this resource is available as application/json or"
                            + " text/csv (or use format=json|csv)");
                }
            }
            String locale = r.param("locale");
            if (locale != null && !locale.equals("de") && !locale.equals("en")) {
                throw ApiProblem.badRequest("locale must be de or en, was '" + ApiProblem.echo(locale) + "'");
            }
            boolean german = locale != null ? locale.equals("de") : r.headerLower("Accept-Language").startsWith("de");
            return !csv ? JSON : german ? CSV_DE : CSV;
        }
    }

    private Output() {
    }

    static byte[] json(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Map<String, Object> readJsonObject(byte[] body) {
        try {
            Object value = MAPPER.readValue(body, Object.class);
            if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                return map;
            }
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body is not valid JSON");
        }
        throw ApiProblem.badRequest("the body must be a JSON object");
    }

    /** A CSV table; German: {@code ;}, decimal comma and a BOM so that Excel opens it as UTF-8. */
    static byte[] csv(List<String> columns, List<Map<String, Object>> rows, boolean german) {
        StringWriter out = new StringWriter();
        if (german) {
            out.write('\uFEFF');
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(german ? ';' : ',').setRecordSeparator("\r\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(columns);
            for (Map<String, Object> row : rows) {
                for (String c : columns) {
                    printer.print(cell(row.get(c), german));
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(Object v, boolean german) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            String plain = number(d);
            return german ? plain.replace('.', ',') : plain;
        }
        if (v instanceof java.util.Collection<?> c) {
            return String.join("|", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /** A number without exponent and without binary noise ({@code 0.1}, not {@code 0.1000000000000000055…}). */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static byte[] problem(ApiProblem p, String instance) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("type", "about:blank");
        doc.put("title", p.title());
        doc.put("status", p.status());
        doc.put("detail", p.detail());
        if (instance != null) {
            doc.put("instance", instance);
        }
        return json(doc);
    }
}
