package de.stadtwerk.hub.transform;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Asset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetRegistryTest {

    @TempDir
    Path dir;

    private Path write(String content, Instant mtime) throws Exception {
        Path f = dir.resolve("assets.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.from(mtime));
        return f;
    }

    @Test
    void loadsTheShippedMasterData() {
        AssetRegistry registry = new AssetRegistry(Path.of("config/assets.csv"));
        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.lastError()).isNull();
        Asset pump = registry.resolve("pump-1").orElseThrow();
        assertThat(pump.externalIds()).containsEntry("opcua", "ns=1;s=Pump1.Flow");
        assertThat(registry.resolve("pv-rathaus").orElseThrow().ratedPowerW()).isEqualTo(99_500.0);
    }

    @Test
    void resolvesByExternalId() throws Exception {
        AssetRegistry registry = new AssetRegistry(write("""
                id;name;kind;lat;lon;district;postcode;rated_power_kw;external_ids
                m-1;Meter 1;meter;51,25;7,15;Mitte;42103;;malo=51481308448|mqtt=tele/plug-1
                """, Instant.parse("2026-01-01T00:00:00Z")));
        registry.reloadIfChanged();
        assertThat(registry.resolve("malo:51481308448")).map(Asset::id).contains("m-1");
        assertThat(registry.resolve("mqtt:tele/plug-1")).map(Asset::id).contains("m-1");
        assertThat(registry.resolve("m-1").orElseThrow().lat()).isEqualTo(51.25);
        assertThat(registry.resolve("nobody")).isEmpty();
    }

    @Test
    void reloadsWhenTheFileChangesAndKeepsOldDataOnError() throws Exception {
        Path f = write("id;kind\na;meter\n", Instant.parse("2026-01-01T00:00:00Z"));
        AssetRegistry registry = new AssetRegistry(f);
        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.reloadIfChanged()).isFalse();

        write("id;kind\na;meter\nb;pump\n", Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.resolve("b")).isPresent();

        write("id;kind;lat\na;meter;north\n", Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(registry.reloadIfChanged()).isFalse();
        assertThat(registry.lastError()).contains("line 2").contains("column lat").contains("'north' is not a number");
        assertThat(registry.resolve("b")).as("previous data stays in use").isPresent();
    }

    @Test
    void duplicateIdsAndMissingColumnsAreReported() throws Exception {
        AssetRegistry registry = new AssetRegistry(write("id;kind\na;meter\na;pump\n", Instant.parse("2026-01-01T00:00:00Z")));
        registry.reloadIfChanged();
        assertThat(registry.lastError()).contains("'a' appears twice");

        AssetRegistry noKind = new AssetRegistry(write("id;name\na;A\n", Instant.parse("2026-01-01T00:05:00Z")));
        noKind.reloadIfChanged();
        assertThat(noKind.lastError()).contains("lacks column 'kind'");
    }
}
