package de.stadtwerk.hub.legacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Writes {@code error/<file>.reason.txt} beside a rejected file: what is wrong, where, and what to do. */
final class ReasonFiles {

    private final Clock clock;

    ReasonFiles(Clock clock) {
        this.clock = clock;
    }

    void write(Path reasonFile, String fileName, FileImportResult r) {
        String text = text(fileName, r);
        try {
            Files.createDirectories(reasonFile.getParent());
            Files.writeString(reasonFile, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + reasonFile + ": " + e.getMessage(), e);
        }
    }

    /** The content of a reason file. */
    String text(String fileName, FileImportResult r) {
        return "File:     " + fileName + "\n"
                + "Rejected: " + clock.instant() + "\n"
                + "SHA-256:  " + r.contentHash() + "\n"
                + "Reason:   " + r.reason() + "\n\n"
                + "Nothing of this file was stored. Correct the file (or its CSV profile) and drop it into the inbox again.\n";
    }

    /**
     * {@code name} with the time in UTC before the extension ({@code a.edi} → {@code a-20261128T031500123Z.edi}): the
     * name a file gets in {@code done/} or {@code error/} on an SFTP server, where the hub cannot look for a free
     * name first and a rename would replace an earlier file of the same name.
     */
    String stamped(String name) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(clock.instant());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "-" + stamp + name.substring(dot) : name + "-" + stamp;
    }

    /** {@code name}, or {@code name-2}, {@code name-3} … (before the extension) when {@code dir} already has it. */
    static String freeName(Path dir, String name) {
        if (!Files.exists(dir.resolve(name))) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; ; i++) {
            String candidate = base + "-" + i + ext;
            if (!Files.exists(dir.resolve(candidate))) {
                return candidate;
            }
        }
    }
}
