package de.stadtwerk.hub.field.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpcUaSecurityTest {

    @TempDir
    Path dir;

    private OpcUaSecurity create(String policy, String mode, String user, String password) {
        return OpcUaSecurity.create(policy, mode, user, password, dir.resolve("client.p12"), new char[0], "",
                dir.resolve("pki"), List.of());
    }

    @Test
    void noneOnlyWhenConfiguredAndThenDegraded() {
        OpcUaSecurity none = create("None", "None", "", "");
        assertThat(none.degraded()).isTrue();
        assertThat(none.allowedSecurityPolicies()).isEqualTo("http://opcfoundation.org/UA/SecurityPolicy#None");
        OpcUaSecurity secure = create("Basic256Sha256", "SignAndEncrypt", "hub", "s3cret");
        assertThat(secure.degraded()).isFalse();
        assertThat(secure.allowedSecurityPolicies()).isEqualTo("http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256");
        assertThat(secure.identity().applicationUri()).isEqualTo("urn:stadtwerk-hub:opcua-client");
        assertThat(dir.resolve("client.der")).exists();
        assertThat(secure.withCredentials("opc.tcp://h:4840/x")).isEqualTo("opc.tcp://hub:s3cret@h:4840/x");
        // the same certificate after a restart
        assertThat(create("Basic256Sha256", "Sign", "", "").identity()).isEqualTo(secure.identity());
    }

    @Test
    void unsafeCombinationsAreRefused() {
        assertThatThrownBy(() -> create("None", "None", "hub", "pw")).hasMessageContaining("clear text");
        assertThatThrownBy(() -> create("None", "SignAndEncrypt", "", "")).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> create("Basic256Sha256", "None", "", "")).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> create("Basic128Rsa15", "Sign", "", "")).hasMessageContaining("deprecated");
        assertThatThrownBy(() -> create("Rot13", "Sign", "", "")).hasMessageContaining("is not one of");
        assertThatThrownBy(() -> create("Basic256Sha256", "Sign", "hub", "p@ss")).hasMessageContaining("only letters");
    }
}
