package de.stadtwerk.hub.publish.feed;

/**
 * The configuration keys of the feeds ({@code hub.feeds.*}), documented with their defaults in
 * {@code config/application.properties}. The route file uses the SFTP and mail keys as placeholders.
 */
public final class FeedSettings {

    /** The feed definitions (YAML, see docs/feeds.md). */
    public static final String FILE = "hub.feeds.file";
    /** Time zone of the windows, the local times in the files and the cron schedules. */
    public static final String TIME_ZONE = "hub.feeds.time-zone";
    /** Folder for files being written before delivery; blank: {@code <hub.data.dir>/feeds-work}. */
    public static final String WORK_DIR = "hub.feeds.work-dir";
    /** SFTP server of {@code sftp:} destinations: host, port, user; password or private key from the environment. */
    public static final String SFTP_HOST = "hub.feeds.sftp.host";
    public static final String SFTP_PORT = "hub.feeds.sftp.port";
    public static final String SFTP_USER = "hub.feeds.sftp.user";
    /** SMTP server of {@code mail:} destinations and the sender address. */
    public static final String MAIL_HOST = "hub.feeds.mail.host";
    public static final String MAIL_PORT = "hub.feeds.mail.port";
    public static final String MAIL_FROM = "hub.feeds.mail.from";

    private FeedSettings() {
    }
}
