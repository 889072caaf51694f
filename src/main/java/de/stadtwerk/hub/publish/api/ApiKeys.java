package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * API keys kept in the database (table {@code api_key}): created and revoked with the admin key. A key is a
 * random string {@code swh_} + 43 characters (256 bits); only its SHA-256 is stored. Because a key carries 256
 * bits of randomness, a plain SHA-256 cannot be reversed or guessed (no salt or slow hash is needed, unlike for
 * passwords), and a lookup stays one hash per request.
 *
 * <p>A key may have an expiry ({@code expires_at}); from that instant on it is refused like an unknown key.
 *
 * <p>Active keys are cached for {@code hub.api.key-cache-ttl}; this instance's own changes take effect at once. The
 * expiry is checked against the clock on every lookup, so the cache never keeps an expired key valid.
 */
public class ApiKeys {

    /** The partner id of admin keys. */
    public static final String ADMIN_PARTNER = "admin";
    static final String PREFIX = "swh_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as listed: never the secret, never the hash. {@code expiresAt} null: the key does not expire. */
    public record KeyInfo(String id, String partner, String label, boolean admin, Instant createdAt, Instant revokedAt,
                          Instant expiresAt) {

        /** Not revoked (as loaded) and not expired at {@code now}. */
        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** A new key: its listing and the secret, shown once. */
    public record NewKey(KeyInfo info, String secret) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<String, KeyInfo> activeByHash;
    private volatile long loadedAt;

    public ApiKeys(DataSource dataSource, Clock clock, Duration ttl) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** SHA-256 of a key, as lower-case hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A new random key. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The active database key with this hash: not revoked (as of the cache) and not expired (now). */
    public Optional<KeyInfo> active(String sha256) {
        Map<String, KeyInfo> cache = activeByHash;
        if (cache == null || clock.millis() - loadedAt > ttl.toMillis()) {
            cache = loadActive();
        }
        Instant now = clock.instant();
        return Optional.ofNullable(cache.get(sha256)).filter(k -> k.usableAt(now));
    }

    /** Whether an active (not revoked, not expired) admin key exists in the database. */
    public boolean hasActiveAdminKey() {
        Instant now = clock.instant();
        return loadActive().values().stream().anyMatch(k -> k.admin() && k.usableAt(now));
    }

    /** A new key that does not expire. */
    public NewKey create(String partner, String label, boolean admin) {
        return create(partner, label, admin, null);
    }

    /** A new key, refused from {@code expiresAt} on (null: never expires; kept to the microsecond, as stored). */
    public NewKey create(String partner, String label, boolean admin, Instant expiry) {
        Instant expiresAt = expiry == null ? null : expiry.truncatedTo(ChronoUnit.MICROS);
        String secret = newSecret();
        byte[] idBytes = new byte[8];
        RANDOM.nextBytes(idBytes);
        KeyInfo info = new KeyInfo("k" + HexFormat.of().formatHex(idBytes), partner, label, admin, clock.instant(), null,
                expiresAt);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO api_key"
                + " (id, partner_id, label, key_hash, is_admin, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, info.id());
            ps.setString(2, partner);
            ps.setString(3, label);
            ps.setString(4, hash(secret));
            ps.setBoolean(5, admin);
            Jdbc.setInstant(ps, 6, info.createdAt());
            Jdbc.setInstant(ps, 7, expiresAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not store a new API key", e);
        }
        activeByHash = null;
        return new NewKey(info, secret);
    }

    /** Revokes a key; false when there is no such active key. */
    public boolean revoke(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            Jdbc.setInstant(ps, 1, clock.instant());
            ps.setString(2, id);
            boolean changed = ps.executeUpdate() == 1;
            activeByHash = null;
            return changed;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not revoke an API key", e);
        }
    }

    /** All database keys, revoked ones included, oldest first. */
    public List<KeyInfo> list() {
        return query(COLUMNS + " ORDER BY created_at, id").stream().map(Row::info).toList();
    }

    private Map<String, KeyInfo> loadActive() {
        Map<String, KeyInfo> map = query(COLUMNS + " WHERE revoked_at IS NULL").stream()
                .collect(Collectors.toUnmodifiableMap(Row::hash, Row::info, (a, b) -> a));
        activeByHash = map;
        loadedAt = clock.millis();
        return map;
    }

    private static final String COLUMNS = "SELECT id, partner_id, label, is_admin, created_at, revoked_at, expires_at,"
            + " key_hash FROM api_key";

    private record Row(KeyInfo info, String hash) { }

    private List<Row> query(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(new KeyInfo(rs.getString("id"), rs.getString("partner_id"), rs.getString("label"),
                        rs.getBoolean("is_admin"), Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "revoked_at"),
                        Jdbc.getInstant(rs, "expires_at")),
                        rs.getString("key_hash")));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the API keys", e);
        }
    }

}
