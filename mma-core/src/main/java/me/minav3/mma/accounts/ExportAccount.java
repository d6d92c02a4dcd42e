package me.minav3.mma.accounts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.RecordType;
import me.minav3.mma.error.NotFound;

/**
 * Everything stored about one customer as a zip (issue 17.4): {@code account.json} holds every row about them
 * (customer, generations, steps, events, credit movements, sessions, feedback) as stored, and {@code media/<key>}
 * each of their uploads and outputs from the asset store.
 */
public final class ExportAccount {

    /** The name of the JSON document in the zip. */
    public static final String DOCUMENT = "account.json";
    /** The folder of the media files in the zip. */
    public static final String MEDIA = "media/";

    private static final Map<String, String> SECTIONS = sections();

    private final Accounts accounts;
    private final AssetStore store;
    private final Clock clock;
    private final Function<Object, String> json;

    /** @param json writes a JSON value (maps, lists, strings, numbers, booleans, null) as text */
    public ExportAccount(Accounts accounts, AssetStore store, Clock clock, Function<Object, String> json) {
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    /** The export document and the media keys it lists, without the media bytes. */
    public record Export(Map<String, Object> document, List<AssetKey> media) {}

    public Export document(PassId passId) {
        Accounts.AccountRows rows =
                accounts.rows(passId).orElseThrow(() -> new NotFound("no customer " + passId.value()));
        List<AssetKey> media = AccountMedia.of(store, passId, accounts.generationIds(passId));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", "minav3.account-export/1");
        document.put("pass_id", passId.value());
        document.put("exported_at", clock.now().toString());
        document.put("customer", rows.customer());
        SECTIONS.values().forEach(section -> document.put(section, new ArrayList<>()));
        for (Map<String, Object> row : rows.rows()) {
            String section = SECTIONS.getOrDefault(Json.string(row, "mg_record_type", ""), "other_rows");
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) document.computeIfAbsent(section, k -> new ArrayList<>());
            list.add(row);
        }
        document.put(
                "media",
                media.stream()
                        .map(key ->
                                Json.obj("key", key.value(), "file", MEDIA + key.value(), "url", store.publicUrl(key)))
                        .toList());
        return new Export(document, media);
    }

    /** Writes the zip to {@code out} (not closed); returns how many media files it holds. */
    public int writeZip(PassId passId, OutputStream out) {
        return writeZip(passId, document(passId), out);
    }

    /** Writes the zip of an export already read by {@link #document} (so a refusal comes before any byte). */
    public int writeZip(PassId passId, Export export, OutputStream out) {
        int files = 0;
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.putNextEntry(entry(DOCUMENT));
            zip.write(json.apply(export.document()).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (AssetKey key : export.media()) {
                Optional<byte[]> bytes = store.read(key);
                if (bytes.isPresent()) {
                    zip.putNextEntry(entry(MEDIA + key.value()));
                    zip.write(bytes.get());
                    zip.closeEntry();
                    files++;
                }
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export of " + passId.value(), e);
        }
        return files;
    }

    private ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(clock.now().toEpochMilli());
        return entry;
    }

    private static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put(RecordType.GENERATION.wire(), "generations");
        sections.put(RecordType.MMA_STEP.wire(), "steps");
        sections.put(RecordType.MMA_EVENT.wire(), "events");
        sections.put(RecordType.CREDIT_TRANSACTION.wire(), "credit_transactions");
        sections.put(RecordType.SESSION.wire(), "sessions");
        sections.put(RecordType.FEEDBACK.wire(), "feedback");
        return sections;
    }
}
