package de.stadtwerk.hub.forecast;

/** The representative BDEW (VDEW 1999) standard load profiles. */
public enum LoadProfileId {
    /** Households; the only one with the daily dynamisation. */
    H0,
    /** Trade and commerce, general. */
    G0,
    /** Trade, workdays 8–18. */
    G1,
    /** Trade with heavy evening consumption. */
    G2,
    /** Trade, continuous. */
    G3,
    /** Shops, hairdressers. */
    G4,
    /** Bakeries with a bakehouse. */
    G5,
    /** Weekend business. */
    G6,
    /** Agriculture, general. */
    L0,
    /** Farms with dairy / part-time livestock. */
    L1,
    /** Other farms. */
    L2;

    /** Whether the BDEW rules apply the daily dynamisation factor to this profile. */
    public boolean dynamised() {
        return this == H0;
    }
}
