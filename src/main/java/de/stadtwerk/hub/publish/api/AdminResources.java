package de.stadtwerk.hub.publish.api;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key management with the admin key: list keys (never the secret or the hash), create a key for a partner (the
 * secret is in the response, once; optionally with an expiry {@code expiresAt}) and revoke a key. Keys in
 * {@code partners.yaml} are listed but changed only in that file.
 */
final class AdminResources {

    private static final Set<String> CREATE_FIELDS = Set.of("partner", "label", "expiresAt");

    private final ApiKeys keys;
    private final ApiDirectory directory;
    private final ApiSettings settings;
    private final Clock clock;

    AdminResources(ApiKeys keys, ApiDirectory directory, ApiSettings settings, Clock clock) {
        this.keys = keys;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    static void requireAdmin(Caller caller) {
        if (caller.anonymous()) {
            throw ApiProblem.unauthorized("this operation needs the admin key in Authorization: Bearer <key>");
        }
        if (!caller.admin()) {
            throw new ApiProblem(403, "Forbidden", "this operation needs the admin key");
        }
    }

    ApiResponse list(Caller caller) {
        requireAdmin(caller);
        List<Map<String, Object>> items = new ArrayList<>();
        if (!settings.adminKeyHash.isEmpty()) {
            items.add(item("config:admin", ApiKeys.ADMIN_PARTNER, "hub.api.admin-key-hash", true, null, null, null,
                    "config"));
        }
        for (Partner p : directory.partners()) {
            for (int i = 0; i < p.keys().size(); i++) {
                items.add(item("config:" + p.id() + ":" + i, p.id(), p.keys().get(i).label(), false, null, null, null,
                        "config"));
            }
        }
        for (ApiKeys.KeyInfo k : keys.list()) {
            items.add(item(k.id(), k.partner(), k.label(), k.admin(), k.createdAt(), k.revokedAt(), k.expiresAt(),
                    "database"));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("items", items);
        return new ApiResponse(200, Output.JSON, Output.json(doc)).header("Cache-Control", "no-store");
    }

    ApiResponse create(ApiRequest r, Caller caller) {
        requireAdmin(caller);
        if (r.body().length > settings.maxWriteBody) {
            throw new ApiProblem(413, "Content too large", "the body has " + r.body().length
                    + " bytes; this operation takes at most " + settings.maxWriteBody);
        }
        String contentType = r.headerLower("Content-Type");
        if (!contentType.startsWith("application/json")) {
            throw new ApiProblem(415, "Unsupported media type", "send the body as application/json");
        }
        Map<String, Object> body = Output.readJsonObject(r.body());
        for (String field : body.keySet()) {
            if (!CREATE_FIELDS.contains(field)) {
                throw ApiProblem.badRequest("unknown field '" + ApiProblem.echo(field)
                        + "'; allowed: partner, label, expiresAt");
            }
        }
        Object partner = body.get("partner");
        if (!(partner instanceof String p) || p.isBlank()) {
            throw ApiProblem.badRequest("field 'partner' is required: a partner id from partners.yaml, or 'admin'");
        }
        boolean admin = p.equals(ApiKeys.ADMIN_PARTNER);
        if (!admin && directory.partner(p).isEmpty()) {
            throw ApiProblem.badRequest("unknown partner '" + ApiProblem.echo(p) + "'; partners are defined in partners.yaml");
        }
        Object label = body.get("label");
        if (label != null && (!(label instanceof String l) || l.length() > 200 || l.chars().anyMatch(Character::isISOControl))) {
            throw ApiProblem.badRequest("field 'label' must be text of at most 200 printable characters");
        }
        Instant expiresAt = expiresAt(body.get("expiresAt"));
        ApiKeys.NewKey key = keys.create(p, (String) label, admin, expiresAt);
        Map<String, Object> doc = item(key.info().id(), key.info().partner(), key.info().label(), key.info().admin(),
                key.info().createdAt(), null, expiresAt, "database");
        doc.put("key", key.secret());
        return new ApiResponse(201, Output.JSON, Output.json(doc)).header("Cache-Control", "no-store");
    }

    /** The optional field {@code expiresAt}: an ISO-8601 time with offset ({@code Z} or {@code +01:00}), in the future. */
    private Instant expiresAt(Object value) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = value instanceof String v ? OffsetDateTime.parse(v).toInstant() : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw ApiProblem.badRequest("field 'expiresAt' must be an ISO-8601 time with offset, e.g. 2027-01-01T00:00:00Z");
        }
        if (!at.isAfter(clock.instant())) {
            throw ApiProblem.badRequest("field 'expiresAt' must be in the future: " + at);
        }
        return at;
    }

    ApiResponse revoke(ApiRequest r, Caller caller) {
        requireAdmin(caller);
        String id = r.pathId();
        if (id != null && id.startsWith("config:")) {
            throw new ApiProblem(409, "Conflict", "key " + id + " is configured in a file; remove it there");
        }
        if (id == null || !keys.revoke(id)) {
            throw ApiProblem.notFound("no active key '" + ApiProblem.echo(id != null ? id : r.rawPathId()) + "'");
        }
        return ApiResponse.empty(204);
    }

    private static Map<String, Object> item(String id, String partner, String label, boolean admin, Object created,
                                            Object revoked, Object expires, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("partner", partner);
        m.put("label", label);
        m.put("admin", admin);
        m.put("createdAt", created == null ? null : created.toString());
        m.put("revokedAt", revoked == null ? null : revoked.toString());
        m.put("expiresAt", expires == null ? null : expires.toString());
        m.put("source", source);
        return m;
    }
}
