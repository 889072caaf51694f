package de.stadtwerk.hub.field.opcua;

/**
 * The configuration keys of the OPC UA field connection and the embedded simulator, documented with their defaults in
 * {@code config/application.properties} (section "Field: OPC UA"); overridable by {@code -D} and environment variables
 * like every key.
 */
public final class OpcUaSettings {

    /** Server endpoint, e.g. {@code opc.tcp://10.1.2.3:4840}; blank: the embedded simulator. */
    public static final String ENDPOINT = "hub.opcua.endpoint";
    /** The node list (CSV: node_id;asset_id;quantity;unit, see {@link OpcUaNodeList}). */
    public static final String NODES = "hub.opcua.nodes";
    /** Security policy: None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss. */
    public static final String SECURITY_POLICY = "hub.opcua.security-policy";
    /** Message security mode: None (with policy None), Sign or SignAndEncrypt. */
    public static final String SECURITY_MODE = "hub.opcua.security-mode";
    /** User name; blank: anonymous. Refused with policy None. */
    public static final String USERNAME = "hub.opcua.username";
    /** Password of {@link #USERNAME}; from the environment ({@code HUB_OPCUA_PASSWORD}). */
    public static final String PASSWORD = "hub.opcua.password";
    /** PKCS12 key store with the client certificate; created with a self-signed certificate when missing. */
    public static final String KEYSTORE = "hub.opcua.keystore";
    /** Password of {@link #KEYSTORE} (environment {@code HUB_OPCUA_KEYSTORE_PASSWORD}). */
    public static final String KEYSTORE_PASSWORD = "hub.opcua.keystore-password";
    /** Alias of the key entry in {@link #KEYSTORE}. */
    public static final String KEY_ALIAS = "hub.opcua.key-alias";
    /** Trust directory for server certificates ({@code trusted/certs}, {@code rejected}, …). */
    public static final String TRUST_DIR = "hub.opcua.trust-dir";
    /** Requested sampling interval (ms) of every monitored item. */
    public static final String SAMPLING_INTERVAL = "hub.opcua.sampling-interval";
    /** Publishing interval (ms) the watchdog counts in. */
    public static final String PUBLISHING_INTERVAL = "hub.opcua.publishing-interval";
    /** The watchdog reports DOWN after this many publishing intervals without any value; 0 = session state only. */
    public static final String WATCHDOG_INTERVALS = "hub.opcua.watchdog-intervals";
    /** Values waiting for the store at most; beyond that new values are refused with an error. */
    public static final String QUEUE_SIZE = "hub.opcua.queue-size";
    /** false: the OPC UA routes are not created at all. */
    public static final String ENABLED = "hub.opcua.enabled";

    /** Whether the embedded OPC UA simulator runs. */
    public static final String EMBEDDED_ENABLED = "hub.embedded.opcua.enabled";
    /** Port of the embedded simulator. */
    public static final String EMBEDDED_PORT = "hub.embedded.opcua.port";
    /** Address the embedded simulator binds to. */
    public static final String EMBEDDED_BIND = "hub.embedded.opcua.bind-address";
    /** Security the simulator offers: secure (Basic256Sha256), none, or both. */
    public static final String EMBEDDED_SECURITY = "hub.embedded.opcua.security";

    private OpcUaSettings() {
    }
}
