package de.stadtwerk.hub.parse.ckan;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.parse.internal.JsonInput;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses answers of the CKAN action API (CKAN 2.x: GovData, city portals): {@code package_show} and
 * {@code package_search}. Every answer is {@code {"help":…,"success":true|false,"result"|"error":…}}; an answer
 * with {@code success:false}, one that is not JSON (a portal's HTML error page served with status 200, a
 * maintenance page) or one without the expected fields is a {@link BadInputException} that says which.
 */
public final class CkanParser {

    /** A {@code package_show} answer: one dataset. */
    public CkanDataset packageShow(InputStream in) {
        String what = "CKAN package_show answer";
        JsonNode result = result(JsonInput.read(in, what), what);
        return dataset(result, what + " result");
    }

    /** A {@code package_search} answer: the count and this page's datasets. */
    public CkanSearchResult packageSearch(InputStream in) {
        String what = "CKAN package_search answer";
        JsonNode result = result(JsonInput.read(in, what), what);
        JsonNode count = JsonInput.require(result, "count", what + " result");
        JsonNode results = JsonInput.require(result, "results", what + " result");
        if (!count.canConvertToLong() || !results.isArray()) {
            throw new BadInputException(what + ": result.count must be a number and result.results an array, got "
                    + count.getNodeType() + " and " + results.getNodeType());
        }
        List<CkanDataset> datasets = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            datasets.add(dataset(results.get(i), what + " result.results[" + i + "]"));
        }
        return new CkanSearchResult(count.asLong(), datasets);
    }

    private static JsonNode result(JsonNode root, String what) {
        if (!root.isObject()) {
            throw new BadInputException(what + " is a JSON " + root.getNodeType() + ", expected an object");
        }
        JsonNode success = root.get("success");
        if (success == null || !success.isBoolean()) {
            throw new BadInputException(what + " is not a CKAN action API answer: no boolean 'success'"
                    + JsonInput.keys(root));
        }
        if (!success.asBoolean()) {
            JsonNode error = root.path("error");
            String type = error.path("__type").asText("");
            String message = error.path("message").asText("");
            String detail = (type + (type.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip();
            throw new BadInputException(what + " reports failure (success=false): "
                    + (detail.isEmpty() ? error.toString() : detail));
        }
        JsonNode result = JsonInput.require(root, "result", what);
        if (!result.isObject()) {
            throw new BadInputException(what + ": 'result' is " + result.getNodeType() + ", expected an object");
        }
        return result;
    }

    private static CkanDataset dataset(JsonNode p, String what) {
        if (!p.isObject()) {
            throw new BadInputException(what + " is " + p.getNodeType() + ", expected a dataset object");
        }
        String id = text(JsonInput.require(p, "id", what));
        String name = text(JsonInput.require(p, "name", what));
        String title = text(p.get("title"));
        JsonNode org = p.get("organization");
        String organisation = org == null || !org.isObject() ? null
                : text(org.get("title")) != null && !text(org.get("title")).isBlank() ? text(org.get("title"))
                : text(org.get("name"));
        Instant modified = instant(text(p.get("metadata_modified")), what + " (" + name + ") metadata_modified");
        List<CkanResource> resources = new ArrayList<>();
        JsonNode rs = p.get("resources");
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray()) {
                throw new BadInputException(what + " (" + name + "): 'resources' is " + rs.getNodeType()
                        + ", expected an array");
            }
            for (JsonNode r : rs) {
                resources.add(new CkanResource(text(r.get("id")), text(r.get("name")), text(r.get("format")),
                        text(r.get("url"))));
            }
        }
        return new CkanDataset(id, name, title, organisation, text(p.get("license_id")), text(p.get("license_title")),
                modified, resources);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** CKAN writes {@code 2017-08-05T03:19:33.886925} (UTC, no offset); some portals add an offset. */
    private static Instant instant(String s, String what) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadInputException(what + " is '" + s + "', expected an ISO-8601 date-time", e2);
            }
        }
    }
}
