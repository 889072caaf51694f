package de.stadtwerk.hub.publish.api;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.store.SeriesInfo;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication (API key in {@code Authorization: Bearer …}) and object-level authorisation: what a caller may
 * see. Keys are looked up by their SHA-256: the configured admin key hash, the partner file, then the database.
 * Requests without a key see the public datasets only; a wrong key is always 401 (never treated as anonymous),
 * and failed attempts draw from the client address's bucket, so guessing is throttled.
 */
public class Access {

    private static final Selection EVERYTHING = new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private final ApiDirectory directory;
    private final ApiKeys keys;
    private final AssetRegistry assets;
    private final RateLimiter limiter;
    private final ApiSettings settings;

    public Access(ApiDirectory directory, ApiKeys keys, AssetRegistry assets, RateLimiter limiter, ApiSettings settings) {
        this.directory = directory;
        this.keys = keys;
        this.assets = assets;
        this.limiter = limiter;
        this.settings = settings;
    }

    /** Identifies the caller and applies its rate limit; throws 401 or 429 as {@link ApiProblem}. */
    public Caller authenticate(String authorization, String clientAddress) {
        String client = clientAddress == null ? "unknown" : clientAddress;
        Caller caller = identify(authorization, client);
        throttle(caller.rateKey(), caller.perMinute(),
                caller.anonymous() ? settings.anonymousPerMinute : Math.min(settings.rateBurst, caller.perMinute()));
        return caller;
    }

    private Caller identify(String authorization, String client) {
        if (authorization == null || authorization.isBlank()) {
            return anonymous(client);
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            failed(client);
            throw ApiProblem.unauthorized("the Authorization header must be 'Bearer <API key>'");
        }
        String hash = ApiKeys.hash(parts[1].trim());
        if (!settings.adminKeyHash.isEmpty() && settings.adminKeyHash.equals(hash)) {
            return admin("config:admin");
        }
        Optional<Partner> configured = directory.partnerByKeyHash(hash);
        if (configured.isPresent()) {
            Partner p = configured.get();
            int n = 0;
            for (int i = 0; i < p.keys().size(); i++) {
                if (p.keys().get(i).sha256().equals(hash)) {
                    n = i;
                }
            }
            return partner(p, "config:" + p.id() + ":" + n);
        }
        Optional<ApiKeys.KeyInfo> stored = keys.active(hash);
        if (stored.isPresent()) {
            ApiKeys.KeyInfo k = stored.get();
            if (k.admin()) {
                return admin(k.id());
            }
            Optional<Partner> p = directory.partner(k.partner());
            if (p.isPresent()) {
                return partner(p.get(), k.id());
            }
        }
        failed(client);
        throw ApiProblem.unauthorized("the API key is not valid (unknown or revoked)");
    }

    private void failed(String client) {
        throttle("auth-failed:" + client, settings.anonymousPerMinute, settings.anonymousPerMinute);
    }

    private void throttle(String key, int perMinute, int burst) {
        long wait = limiter.acquire(key, perMinute, burst);
        if (wait > 0) {
            throw new ApiProblem(429, "Too many requests", "the rate limit of " + perMinute
                    + " requests per minute is used up; try again in " + wait + " s")
                    .header("Retry-After", Long.toString(wait));
        }
    }

    private Caller anonymous(String client) {
        Set<String> ids = new LinkedHashSet<>();
        List<Selection> selections = new ArrayList<>();
        for (Dataset d : directory.datasets()) {
            if (d.isPublic()) {
                ids.add(d.id());
                selections.add(d.selection());
            }
        }
        return new Caller(null, null, false, Set.copyOf(ids), List.copyOf(selections), "anonymous:" + client,
                settings.anonymousPerMinute);
    }

    private Caller admin(String keyId) {
        Set<String> ids = new LinkedHashSet<>();
        directory.datasets().forEach(d -> ids.add(d.id()));
        return new Caller(ApiKeys.ADMIN_PARTNER, keyId, true, Set.copyOf(ids), List.of(EVERYTHING), "key:" + keyId,
                settings.ratePerMinute);
    }

    private Caller partner(Partner p, String keyId) {
        Set<String> ids = new LinkedHashSet<>();
        List<Selection> selections = new ArrayList<>();
        for (Dataset d : directory.datasets()) {
            if (d.isPublic() || p.datasets().contains(d.id())) {
                ids.add(d.id());
                selections.add(d.selection());
            }
        }
        selections.addAll(p.selections());
        return new Caller(p.id(), keyId, false, Set.copyOf(ids), List.copyOf(selections), "key:" + keyId,
                p.ratePerMinute() != null ? p.ratePerMinute() : settings.ratePerMinute);
    }

    /** The asset with exactly this id (not an external id), if the caller may see it. */
    public Optional<Asset> asset(Caller caller, String id) {
        return assets.resolve(id).filter(a -> a.id().equals(id)).filter(a -> canSee(caller, a));
    }

    public boolean canSee(Caller caller, Asset asset) {
        return caller.selections().stream().anyMatch(s -> s.covers(asset));
    }

    public boolean canSee(Caller caller, SeriesInfo series) {
        Asset asset = assets.resolve(series.assetId()).filter(a -> a.id().equals(series.assetId())).orElse(null);
        return caller.selections().stream().anyMatch(s -> s.covers(series, asset));
    }

    public boolean canSee(Caller caller, Dataset dataset) {
        return caller.datasets().contains(dataset.id());
    }

    /** All assets the caller may see, ordered by id. */
    public List<Asset> visibleAssets(Caller caller) {
        return assets.all().stream().filter(a -> canSee(caller, a))
                .sorted(java.util.Comparator.comparing(Asset::id)).toList();
    }
}
