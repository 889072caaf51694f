package de.stadtwerk.hub.publish.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start without an admin key: creates one, stores its hash, writes the key once to
 * {@code <hub.data.dir>/initial-admin-key.txt} (readable by the owner only) and says so in the log. Does nothing
 * when {@code hub.api.admin-key-hash} is set or an active admin key exists in the database. The key itself never
 * appears in a log.
 */
public final class AdminKeyBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    public static final String FILE_NAME = "initial-admin-key.txt";

    private final ApiKeys keys;
    private final Path dataDir;
    private final boolean configured;

    public AdminKeyBootstrap(ApiKeys keys, Path dataDir, boolean adminKeyConfigured) {
        this.keys = keys;
        this.dataDir = dataDir;
        this.configured = adminKeyConfigured;
    }

    /** Runs the check; returns the file written, or null when nothing was needed. */
    public synchronized Path run() {
        if (configured || keys.hasActiveAdminKey()) {
            return null;
        }
        ApiKeys.NewKey key = keys.create(ApiKeys.ADMIN_PARTNER, "initial admin key", true);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            writeOwnerOnly(file, "# Stadtwerk Hub admin key (created " + key.info().createdAt() + ", id "
                    + key.info().id() + "). Keep it in a secret store and delete this file.\n" + key.secret() + "\n");
        } catch (IOException e) {
            keys.revoke(key.info().id());
            throw new UncheckedIOException("could not write " + file + "; the new admin key was revoked again", e);
        }
        LOG.warn("No admin key was configured: created admin key {} and wrote it once to {} (readable by the owner"
                + " only). Move it to a secret store and delete the file; see docs/partner-api.md.", key.info().id(), file);
        return file;
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
            tmp.toFile().setReadable(false, false);
            tmp.toFile().setReadable(true, true);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
