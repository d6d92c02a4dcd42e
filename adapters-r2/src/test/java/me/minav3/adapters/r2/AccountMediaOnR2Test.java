package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import me.minav3.mma.accounts.Accounts;
import me.minav3.mma.accounts.DeleteAccount;
import me.minav3.mma.accounts.DisableAccount;
import me.minav3.mma.accounts.ExportAccount;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SampleMedia;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 17.4/17.5 on the S3-compatible adapter: an account's export holds exactly its uploads and outputs from the
 * bucket, and its deletion leaves none of them (the bucket listed with a plain S3 client), and every other customer's.
 * The rows side is {@code AccountsContract} on PostgreSQL; here the rows are a fixed list.
 */
class AccountMediaOnR2Test {

    private static final String BUCKET = "mina-accounts";
    private static InProcessS3 server;
    private static S3Client inspector;
    private static AssetStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = new InProcessS3();
        inspector = server.client();
        inspector.createBucket(b -> b.bucket(BUCKET));
        store = AssetStores.r2(server.settings(BUCKET, "https://pub-accounts.r2.dev"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        ((R2AssetStore) store).close();
        inspector.close();
        server.close();
    }

    @Test
    void exportHoldsExactlyTheAccountsMediaAndDeletionLeavesNoneOfItInTheBucket() throws Exception {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        PassId owner = PassId.user("r2-owner");
        PassId neighbour = PassId.user("r2-owner2");
        GenerationId still = new GenerationId(UUID.randomUUID().toString());
        GenerationId video = new GenerationId(UUID.randomUUID().toString());
        GenerationId theirs = new GenerationId(UUID.randomUUID().toString());
        List<AssetKey> ownersMedia = List.of(
                put(AssetKey.upload(
                        AssetKind.PRODUCT, owner, at, UUID.randomUUID().toString(), MediaType.PNG)),
                put(AssetKey.upload(
                        AssetKind.INSPIRATION,
                        owner,
                        at.plusSeconds(86_400 * 40),
                        UUID.randomUUID().toString(),
                        MediaType.PNG)),
                put(AssetKey.still(still, MediaType.PNG)),
                put(AssetKey.video(video)));
        List<AssetKey> neighboursMedia = List.of(
                put(AssetKey.upload(
                        AssetKind.PRODUCT, neighbour, at, UUID.randomUUID().toString(), MediaType.PNG)),
                put(AssetKey.still(theirs, MediaType.PNG)));
        InMemoryMega mega = new InMemoryMega();
        mega.ensure(owner, CustomerProfile.ofEmail("owner@example.com"), at);
        Accounts accounts = rowsOf(owner, List.of(still, video));
        MutableClock clock = new MutableClock(at);
        ExportAccount export = new ExportAccount(accounts, store, clock, Object::toString);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        int files = export.writeZip(owner, zip);

        assertThat(export.document(owner).media()).containsExactlyInAnyOrderElementsOf(ownersMedia);
        assertThat(files).isEqualTo(4);
        assertThat(entries(zip.toByteArray()))
                .containsExactlyInAnyOrderElementsOf(
                        ownersMedia.stream().map(k -> "media/" + k.value()).toList())
                .hasSize(4);

        var disable = new DisableAccount(accounts, mega, mega, clock, new SequentialIds("a"));
        var deleted = new DeleteAccount(mega, accounts, disable, store, clock).delete(owner, Actor.SYSTEM);

        assertThat(deleted.mediaDeleted()).isEqualTo(4);
        List<String> bucket = inspector.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .map(o -> o.key())
                .toList();
        assertThat(bucket)
                .containsExactlyInAnyOrderElementsOf(
                        neighboursMedia.stream().map(AssetKey::value).toList());
    }

    private static AssetKey put(AssetKey key) {
        store.put(
                key,
                key.value().endsWith(".mp4") ? new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'} : SampleMedia.png(3, 3),
                key.value().endsWith(".mp4") ? MediaType.MP4 : MediaType.PNG);
        return key;
    }

    /** The rows side of one account: its generations are these (the tables are tested on PostgreSQL). */
    private static Accounts rowsOf(PassId owner, List<GenerationId> generations) {
        return new Accounts() {
            @Override
            public Optional<AccountRows> rows(PassId passId) {
                return Optional.of(new AccountRows(Map.of("mg_pass_id", passId.value()), List.of()));
            }

            @Override
            public List<me.minav3.mma.accounts.TimelineEntry> timeline(
                    PassId passId, me.minav3.mma.accounts.TimelineEntry.Cursor before, int limit) {
                return List.of();
            }

            @Override
            public boolean setDisabled(PassId passId, boolean disabled, Instant at) {
                return passId.equals(owner);
            }

            @Override
            public List<Generation> unfinished(PassId passId) {
                return List.of();
            }

            @Override
            public List<GenerationId> generationIds(PassId passId) {
                return passId.equals(owner) ? generations : List.of();
            }

            @Override
            public boolean erase(PassId passId, Instant at) {
                return passId.equals(owner);
            }
        };
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().startsWith("media/")) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }
}
