package dev.inferplan.catalog.versions;

import java.util.function.Function;

import jakarta.json.bind.Jsonb;

/**
 * A version as the {@link VersionIndex} holds it: the view, the text its free-text search matches
 * (family name, label and family description, lowercased), and its encodings for the wire (JSON for
 * REST, a message for gRPC), each made on first use. A version that changes is replaced by a new
 * instance, so an encoding never goes stale.
 */
public final class IndexedVersion {

    private final VersionView view;
    private final String searchText;
    private volatile Object encoded;
    private volatile String json;

    IndexedVersion(VersionView view, String searchText) {
        this.view = view;
        this.searchText = searchText;
    }

    VersionView view() {
        return view;
    }

    String searchText() {
        return searchText;
    }

    /** The view as JSON-B writes it: searches and GETs send this instead of serializing again. */
    String json(Jsonb jsonb) {
        String made = json;
        if (made == null) {
            made = jsonb.toJson(view);
            json = made;
        }
        return made;
    }

    /** One encoding per version: a second kind would overwrite the first (there is only the gRPC one). */
    <T> T encoded(Class<T> kind, Function<VersionView, T> encoder) {
        Object made = encoded;
        if (!kind.isInstance(made)) {
            made = encoder.apply(view);
            encoded = made;
        }
        return kind.cast(made);
    }
}
