package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FeedRunnerTest {

    @Test
    void theLoggedCauseNamesTheChainButNoPassword() {
        Exception e = new IllegalStateException("Cannot connect to sftp://feeds@host:22/up?password=geheim&binary=true",
                new RuntimeException("auth with RAW(s3cret)", new ConnectException("Connection refused")));
        String text = FeedRunner.describe(e);
        assertThat(text).startsWith("IllegalStateException: Cannot connect to sftp://feeds@host:22/up?password=xxxxxx&binary=true")
                .contains(" <- RuntimeException: auth with xxxxxx").endsWith(" <- ConnectException: Connection refused")
                .doesNotContain("geheim").doesNotContain("s3cret");
        assertThat(FeedRunner.describe(null)).isEqualTo("unknown error");
    }
}
