package de.stadtwerk.hub.publish.feed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scheduled feed, an entry of {@code config/feeds.yaml}.
 *
 * @param id          kebab-case id; the schedule's route is {@code publish-feed-<id>}
 * @param description what it is and for whom
 * @param enabled     false: no schedule (it can still be run by hand or re-sent)
 * @param cron        Quartz cron (seconds minutes hours day month weekday), Europe/Berlin
 * @param query       what is exported
 * @param format      file format
 * @param fileName    file name pattern: {@code {date:yyyy-MM-dd}} (first local day of the period),
 *                    {@code {from:…}}, {@code {to:…}} (the last local day/time inside the period), {@code {now:…}},
 *                    {@code {id}}
 * @param destination where the file goes
 * @param subject     subject of an e-mail (optional; the same placeholders)
 */
public record FeedDefinition(String id, String description, boolean enabled, String cron, FeedQuery query,
                             FeedFormat format, String fileName, FeedDestination destination, String subject) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(date|from|to|now|id)(?::([^}]+))?}");
    private static final Pattern SAFE_NAME = Pattern.compile("[^/\\\\:*?\"<>|\\p{Cntrl}]+");

    public FeedDefinition {
        description = description == null ? "" : description.trim();
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("feed id '" + id + "': must be kebab-case (a-z, 0-9, '-')");
        }
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("feed " + id + ": cron is missing");
        }
        if (cron.trim().split("\\s+").length < 6) {
            throw new IllegalArgumentException("feed " + id + ": cron '" + cron
                    + "' is not a Quartz cron (seconds minutes hours day month weekday, e.g. 0 30 6 * * ?)");
        }
        if (query == null || format == null || destination == null) {
            throw new IllegalArgumentException("feed " + id + ": query, format and destination are required");
        }
        if (fileName == null || fileName.isBlank()) {
            fileName = id + "-{date:yyyy-MM-dd}." + (format == FeedFormat.CSV_DE ? "csv" : format.code());
        }
        // validates the placeholders once, at load
        fileName(new FeedPeriod(Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), java.time.ZoneOffset.UTC),
                Instant.EPOCH, fileName, id);
    }

    @JsonCreator
    static FeedDefinition of(@JsonProperty("id") String id, @JsonProperty("description") String description,
                             @JsonProperty("enabled") Boolean enabled, @JsonProperty("cron") String cron,
                             @JsonProperty("query") FeedQuery query, @JsonProperty("format") String format,
                             @JsonProperty("file-name") String fileName,
                             @JsonProperty("destination") String destination, @JsonProperty("subject") String subject) {
        return new FeedDefinition(id, description == null ? "" : description.trim(), enabled == null || enabled, cron,
                query, format == null ? null : FeedFormat.ofCode(format), fileName,
                destination == null ? null : FeedDestination.parse(destination), subject);
    }

    /** The file name for a period, from the pattern. */
    public String fileName(FeedPeriod period, Instant now) {
        return fileName(period, now, fileName, id);
    }

    /** The e-mail subject for a period. */
    public String subject(FeedPeriod period, Instant now) {
        String s = subject == null || subject.isBlank() ? (description.isBlank() ? id : description) + " {from:dd.MM.yyyy}"
                + (period.hours() > 25 ? " – {to:dd.MM.yyyy}" : "") : subject;
        return expand(s, period, now, id);
    }

    private static String fileName(FeedPeriod period, Instant now, String pattern, String id) {
        String name = expand(pattern, period, now, id);
        if (!SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("feed " + id + ": file name '" + name
                    + "' must not contain / \\ : * ? \" < > | or start with a dot");
        }
        return name;
    }

    static String expand(String pattern, FeedPeriod period, Instant now, String id) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1).equals("id")) {
                value = id;
            } else {
                ZonedDateTime t = switch (m.group(1)) {
                    case "to" -> period.localLast();
                    case "now" -> now.atZone(period.zone());
                    default -> period.localFrom();
                };
                try {
                    value = DateTimeFormatter.ofPattern(m.group(2) == null ? "yyyy-MM-dd" : m.group(2)).format(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("feed " + id + ": '" + m.group() + "' is not a date pattern: "
                            + e.getMessage(), e);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
