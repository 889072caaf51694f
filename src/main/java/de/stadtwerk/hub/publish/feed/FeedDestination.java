package de.stadtwerk.hub.publish.feed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a feed's file goes: {@code file:<folder>} (a folder or mounted share; relative to {@code hub.data.dir}),
 * {@code sftp:<directory>} (on the SFTP server of {@code hub.feeds.sftp.*}) or {@code mail:<recipient>,…}
 * (an e-mail with the file attached, through the SMTP server of {@code hub.feeds.mail.*}). Hosts and credentials
 * are configuration keys, never part of the feed.
 *
 * @param kind   FILE, SFTP or MAIL
 * @param target the folder, the remote directory, or the recipients separated by commas
 */
public record FeedDestination(Kind kind, String target) {

    /** The kinds of destination; the route picks the endpoint by this name. */
    public enum Kind { FILE, SFTP, MAIL }

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    public FeedDestination {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("destination " + kind.name().toLowerCase() + ": has no target");
        }
    }

    /** Parses {@code file:…}, {@code sftp:…} or {@code mail:…}. */
    public static FeedDestination parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        String scheme = colon < 0 ? "" : t.substring(0, colon);
        String rest = colon < 0 ? "" : t.substring(colon + 1).trim();
        switch (scheme) {
            case "file":
                return new FeedDestination(Kind.FILE, rest);
            case "sftp":
                if (rest.contains("@") || rest.startsWith("//")) {
                    throw new IllegalArgumentException("destination '" + t + "': give only the remote directory"
                            + " (sftp:/upload/klima); host and user come from hub.feeds.sftp.*");
                }
                return new FeedDestination(Kind.SFTP, rest.startsWith("/") ? rest : "/" + rest);
            case "mail": {
                List<String> to = Arrays.stream(rest.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                for (String a : to) {
                    if (!ADDRESS.matcher(a).matches()) {
                        throw new IllegalArgumentException("destination '" + t + "': '" + a + "' is not an e-mail address");
                    }
                }
                return new FeedDestination(Kind.MAIL, String.join(",", to));
            }
            default:
                throw new IllegalArgumentException("destination '" + t
                        + "': expected file:<folder>, sftp:<remote directory> or mail:<recipient>,…");
        }
    }

    /** The folder of a FILE destination, resolved against the data directory when relative. */
    public Path folder(Path dataDir) {
        Path p = Path.of(target);
        return (p.isAbsolute() ? p : dataDir.resolve(p)).normalize();
    }

    /** For the delivery log: the destination without anything secret (there is none in it). */
    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + target;
    }
}
