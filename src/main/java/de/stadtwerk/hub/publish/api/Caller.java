package de.stadtwerk.hub.publish.api;

import java.util.List;
import java.util.Set;

/**
 * Who sent a request, as far as the API cares: a partner (by key), an admin, or anonymous (no key: public
 * datasets only), with what it may see and the rate-limit bucket it draws from.
 *
 * @param partnerId  the partner, {@code admin} or null when anonymous
 * @param keyId      id of the key used (database key id or {@code config:<partner>:<n>}), null when anonymous
 * @param admin      admin keys manage keys and see all data
 * @param datasets   ids of the datasets it may see (public ones included)
 * @param selections what it may see of assets and series (datasets' selections plus its own grants)
 * @param rateKey    the rate-limit bucket
 * @param perMinute  its rate limit
 */
public record Caller(String partnerId, String keyId, boolean admin, Set<String> datasets, List<Selection> selections,
                     String rateKey, int perMinute) {

    public boolean anonymous() {
        return partnerId == null;
    }
}
