package de.stadtwerk.hub.opendata;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks every URL the open-data client is about to fetch (the configured one and each redirect hop) <em>before</em>
 * a connection is opened (SSRF, OWASP API7):
 * <ul>
 *   <li>only {@code http} and {@code https};</li>
 *   <li>the host must be on the allow-list ({@code hub.opendata.allowed-hosts}: exact names or IP literals, or
 *       {@code *.example.org} for sub-domains);</li>
 *   <li>whatever the allow-list says, no address that is link-local (169.254.0.0/16, fe80::/10: cloud metadata
 *       services), unspecified (0.0.0.0, ::) or multicast, and none of the hub's own ports (management, business)
 *       on a local address.</li>
 * </ul>
 * Names are resolved for the check; the client resolves again when it connects, so a DNS answer that changes in
 * between (rebinding) is not caught here — the allow-list of names the operator trusts is the first line.
 */
public final class SourceUrlGuard {

    private final List<String> allowed;
    private final Set<Integer> hubPorts;
    private final Resolver resolver;
    private final String allowListKey;

    /** Name resolution; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * @param allowedHosts host names, IP literals or {@code *.domain} patterns (case does not matter)
     * @param hubPorts     the hub's own listening ports, refused on local addresses
     * @param resolver     name resolution
     */
    public SourceUrlGuard(Collection<String> allowedHosts, Collection<Integer> hubPorts, Resolver resolver) {
        this(allowedHosts, hubPorts, resolver, "hub.opendata.allowed-hosts");
    }

    /**
     * @param allowListKey the configuration key of the allow-list, named in refusals
     */
    public SourceUrlGuard(Collection<String> allowedHosts, Collection<Integer> hubPorts, Resolver resolver,
                          String allowListKey) {
        this.allowListKey = allowListKey;
        List<String> a = new ArrayList<>();
        for (String h : allowedHosts) {
            String n = normalise(h);
            if (!n.isEmpty()) {
                a.add(n);
            }
        }
        this.allowed = List.copyOf(a);
        this.hubPorts = Set.copyOf(hubPorts);
        this.resolver = resolver;
    }

    /** With the system's name resolution. */
    public SourceUrlGuard(Collection<String> allowedHosts, Collection<Integer> hubPorts) {
        this(allowedHosts, hubPorts, InetAddress::getAllByName);
    }

    /** The hosts of the given URLs (blank and unreadable ones skipped): the default allow-list. */
    public static List<String> hostsOf(Collection<String> urls) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String url : urls) {
            if (url == null || url.isBlank()) {
                continue;
            }
            try {
                String host = URI.create(url.replace("{", "%7B").replace("}", "%7D")).getHost();
                if (host != null) {
                    hosts.add(normalise(host));
                }
            } catch (IllegalArgumentException e) {
                // an unreadable URL contributes no host; fetching it is refused by check()
            }
        }
        return List.copyOf(hosts);
    }

    /** The allow-list in effect. */
    public List<String> allowedHosts() {
        return allowed;
    }

    /**
     * Throws {@link SourceUrlRefusedException} naming the URL and the reason when the URL must not be fetched;
     * returns normally otherwise. Opens no connection.
     */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(uri, "only http and https are fetched, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw refused(uri, "it names no host");
        }
        String name = normalise(host);
        if (!isAllowed(name)) {
            throw refused(uri, "host '" + name + "' is not on the allow-list (" + allowListKey + ": "
                    + String.join(",", allowed) + ")");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw refused(uri, "host '" + name + "' cannot be resolved");
        }
        for (InetAddress a : addresses) {
            if (a.isLinkLocalAddress()) {
                throw refused(uri, "'" + name + "' is the link-local address " + a.getHostAddress()
                        + " (169.254.0.0/16, fe80::/10: metadata services), which is never fetched");
            }
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw refused(uri, "'" + name + "' is the unspecified or multicast address " + a.getHostAddress());
            }
            if (hubPorts.contains(port) && isLocal(a)) {
                throw refused(uri, "port " + port + " on " + a.getHostAddress()
                        + " is one of the hub's own ports (management or business)");
            }
        }
    }

    /** {@link #check(URI)} for a URL string; an unreadable URL is refused. */
    public void check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SourceUrlRefusedException("refused to fetch " + url + ": it is not a valid URL");
        }
        check(uri);
    }

    private boolean isAllowed(String host) {
        for (String a : allowed) {
            if (a.startsWith("*.")) {
                if (host.endsWith(a.substring(1)) && host.length() > a.length() - 1) {
                    return true;
                }
            } else if (a.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private SourceUrlRefusedException refused(URI uri, String why) {
        return new SourceUrlRefusedException("refused to fetch " + uri + " before connecting: " + why);
    }
}
