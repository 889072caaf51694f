package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.parse.csv.CsvProfile;
import de.stadtwerk.hub.parse.csv.CsvProfiles;
import de.stadtwerk.hub.parse.mscons.MsconsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileMessage;

/**
 * The bean of the file-drop routes ({@code routes/legacy/*-drop.camel.yaml}): imports the consumed file with
 * {@link FileImport}, writes {@code error/<file>.reason.txt} for a rejected file, and tells the consumer where to
 * move the file ({@link LegacyHeaders#FILE_TARGET}): {@code done/} after the values are committed, {@code error/}
 * when the file cannot be read. The body becomes the {@link FileImportResult}.
 *
 * <p>CSV drops have one sub-folder per profile ({@code csv/lastgang-15min/…}); the folder name picks
 * {@code <profiles-dir>/<name>.properties}, read again for every file so an edited profile applies at once.
 */
public class LegacyFileDrops {

    private final FileImport fileImport;
    private final MsconsOptions msconsOptions;
    private final String msconsSource;
    private final Path profilesDir;
    private final ReasonFiles reasons;

    public LegacyFileDrops(FileImport fileImport, MsconsOptions msconsOptions, String msconsSource, Path profilesDir,
                           Clock clock) {
        this.fileImport = fileImport;
        this.msconsOptions = msconsOptions;
        this.msconsSource = msconsSource;
        this.profilesDir = profilesDir;
        this.reasons = new ReasonFiles(clock);
    }

    /** Creates the drop folders: the MSCONS inbox, the CSV inbox and one sub-folder per shipped profile. */
    public void createFolders(Path msconsDir, Path csvDir) {
        try {
            Files.createDirectories(msconsDir);
            Files.createDirectories(csvDir);
            if (Files.isDirectory(profilesDir)) {
                try (Stream<Path> files = Files.list(profilesDir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        String n = p.getFileName().toString();
                        if (n.endsWith(".properties")) {
                            Files.createDirectories(csvDir.resolve(n.substring(0, n.length() - ".properties".length())));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the legacy drop folders: " + e.getMessage(), e);
        }
    }

    /** Imports an MSCONS file of the MSCONS drop. */
    public FileImportResult mscons(Exchange exchange) {
        Dropped f = dropped(exchange);
        FileImportResult r = fileImport.importFile(f.path, f.name, new MsconsFormat(
                msconsOptions.withSource(msconsSource, null)), msconsSource, exchange.getFromRouteId());
        return finish(exchange, f, r);
    }

    /** Imports a CSV file of the CSV drop, with the profile its sub-folder names. */
    public FileImportResult csv(Exchange exchange) {
        Dropped f = dropped(exchange);
        String profileName = f.folder.isEmpty() ? null : f.folder.split("/")[0];
        FileImportResult r;
        if (profileName == null) {
            r = rejected(f, "a CSV file must be dropped into the sub-folder of its profile (e.g. csv/lastgang-15min/),"
                    + " not into csv/ itself");
        } else if (!Files.isRegularFile(profilesDir.resolve(profileName + ".properties"))) {
            r = rejected(f, "there is no CSV profile '" + profileName + "' (" + profilesDir.resolve(profileName
                    + ".properties") + " is missing); the sub-folder of a CSV file names its profile");
        } else {
            CsvProfile profile = null;
            String profileError = null;
            try {
                profile = CsvProfiles.load(profilesDir, profileName);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                profileError = e.getMessage();
            }
            r = profile != null
                    ? fileImport.importFile(f.path, f.name, new CsvFormat(profile), profile.source(), exchange.getFromRouteId())
                    : rejected(f, "the CSV profile '" + profileName + "' cannot be used: " + profileError);
        }
        return finish(exchange, f, r);
    }

    private FileImportResult rejected(Dropped f, String reason) {
        return new FileImportResult(f.name, FileImportResult.Outcome.REJECTED, FileImport.sha256(f.path), 0, 0, 0, reason);
    }

    private FileImportResult finish(Exchange exchange, Dropped f, FileImportResult r) {
        String sub = r.rejected() ? "error" : "done";
        String prefix = f.folder.isEmpty() ? "" : f.folder + "/";
        String targetName;
        if (f.remote) {
            targetName = reasons.stamped(f.fileName);
            if (r.rejected()) {
                exchange.getMessage().setHeader(LegacyHeaders.REASON_FILE, sub + "/" + targetName + ".reason.txt");
                exchange.getMessage().setHeader(LegacyHeaders.REASON_TEXT, reasons.text(f.name, r));
            }
        } else {
            Path targetDir = f.path.getParent().resolve(sub);
            targetName = ReasonFiles.freeName(targetDir, f.fileName);
            if (r.rejected()) {
                reasons.write(targetDir.resolve(targetName + ".reason.txt"), f.name, r);
            }
        }
        exchange.getMessage().setHeader(LegacyHeaders.FILE_TARGET, prefix + sub + "/" + targetName);
        exchange.getMessage().setBody(r);
        return r;
    }

    /**
     * @param path     the content on the local disk (for an SFTP drop: the downloaded copy)
     * @param name     the name relative to the drop, with the profile folder of a CSV drop
     * @param folder   the folder part of {@code name} ("" for none)
     * @param fileName the file's own name
     * @param remote   whether it was read from an SFTP server
     */
    private record Dropped(Path path, String name, String folder, String fileName, boolean remote) {
    }

    private static Dropped dropped(Exchange exchange) {
        GenericFile<?> file = exchange.getMessage() instanceof GenericFileMessage<?> m ? m.getGenericFile()
                : exchange.getMessage().getBody(GenericFile.class);
        if (file == null) {
            throw new IllegalArgumentException("the legacy file import needs a file consumer (file:), got "
                    + exchange.getMessage().getBody());
        }
        String relative = file.getRelativeFilePath().replace('\\', '/');
        int slash = relative.lastIndexOf('/');
        boolean remote = !(file.getFile() instanceof java.io.File);
        Path path;
        if (remote) {
            String local = exchange.getMessage().getHeader(Exchange.FILE_LOCAL_WORK_PATH, String.class);
            if (local == null) {
                throw new IllegalArgumentException("the SFTP drop needs localWorkDirectory (the file is imported from a"
                        + " local copy, streaming); " + relative + " was not downloaded");
            }
            path = Path.of(local);
        } else {
            path = Path.of(file.getAbsoluteFilePath());
        }
        return new Dropped(path, relative, slash < 0 ? "" : relative.substring(0, slash), file.getFileNameOnly(), remote);
    }
}
