package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.store.SqlDialect;
import de.stadtwerk.hub.store.StoreUnavailableException;
import de.stadtwerk.hub.store.internal.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The validators of the last answer per URL (table {@code opendata_fetch}): ETag and Last-Modified for conditional
 * requests, the SHA-256 of the body so that an unchanged answer is skipped even without validators, and, for small
 * answers marked {@code keepBody}, the body itself so that a 304 still yields it. Kept in the store, so a restart
 * or another instance does not download everything again.
 */
public class FetchCache {

    /** What is known about the last answer of a URL. */
    public record Entry(String etag, String lastModified, String sha256, byte[] body, String outcome) {
    }

    /** Bodies above this size are never kept (only their hash). */
    static final int MAX_KEPT_BODY = 1024 * 1024;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;

    public FetchCache(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    public Optional<Entry> get(String url) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT etag, last_modified, content_sha256, body, outcome FROM opendata_fetch WHERE url_key = ?")) {
            ps.setString(1, key(url));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBytes(4), rs.getString(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not read the open-data fetch cache: " + e.getMessage(), e);
        }
    }

    /** Records the answer's validators and hash (and its body when it is small and asked to be kept). */
    public void remember(OpenDataAnswer a, String outcome) {
        OpenDataRequest r = a.request();
        byte[] keep = r.keepBody() && a.bodyBytes() != null && a.bodyBytes().length <= MAX_KEPT_BODY ? a.bodyBytes() : null;
        String sql = dialect == SqlDialect.H2
                ? "MERGE INTO opendata_fetch (url_key, url, source, etag, last_modified, content_sha256, body, outcome,"
                + " fetched_at) KEY (url_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO opendata_fetch (url_key, url, source, etag, last_modified, content_sha256, body, outcome,"
                + " fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_key) DO UPDATE SET url = EXCLUDED.url,"
                + " source = EXCLUDED.source, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,"
                + " content_sha256 = EXCLUDED.content_sha256, body = EXCLUDED.body, outcome = EXCLUDED.outcome,"
                + " fetched_at = EXCLUDED.fetched_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key(r.url()));
            ps.setString(2, r.url());
            ps.setString(3, r.source());
            ps.setString(4, cut(a.etag(), 500));
            ps.setString(5, cut(a.lastModified(), 100));
            ps.setString(6, a.sha256());
            ps.setBytes(7, keep);
            ps.setString(8, outcome);
            Jdbc.setInstant(ps, 9, a.fetchedAt() != null ? a.fetchedAt() : clock.instant());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not write the open-data fetch cache: " + e.getMessage(), e);
        }
    }

    static String key(String url) {
        return sha256(url.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
