package dev.inferplan.runner.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.inferplan.runner.execution.DimensionBinding;
import dev.inferplan.runner.execution.InputTensors;
import dev.inferplan.runner.execution.ModelSession;

/**
 * The fixed inputs both models of a fidelity check run on, made once and shared. Real ones when the
 * model's preprocessing is at hand (a Hugging Face {@code tokenizer.json} shipped next to the model:
 * the sentences of {@code fidelity/sentences-en.txt} tokenized one by one, no padding); else stated
 * synthetic ones (the runner's generated inputs, fixed seeds).
 */
public final class FidelityInputs implements AutoCloseable {

    static final String SENTENCES = "fidelity/sentences-en.txt";
    private static final int MAX_TOKENS = 256;

    private final List<Map<String, OnnxTensor>> inputs;
    private final List<AutoCloseable> owned;
    private final String description;

    private FidelityInputs(List<Map<String, OnnxTensor>> inputs, List<AutoCloseable> owned, String description) {
        this.inputs = List.copyOf(inputs);
        this.owned = owned;
        this.description = description;
    }

    public List<Map<String, OnnxTensor>> inputs() {
        return inputs;
    }

    public String description() {
        return description;
    }

    /**
     * Tokenized sentences when a tokenizer ships beside the model and the model takes BERT's inputs
     * (input_ids, attention_mask, optionally token_type_ids); else {@code syntheticCount} generated ones.
     */
    public static FidelityInputs forModel(OrtEnvironment environment, ModelSession model, URI modelUri,
                                          int syntheticCount, int sequenceLength, long seed) {
        List<String> names = model.signature().inputs().stream().map(t -> t.name()).toList();
        boolean bertInputs = names.contains("input_ids") && names.contains("attention_mask")
                && names.stream().allMatch(n -> List.of("input_ids", "attention_mask", "token_type_ids").contains(n));
        Optional<Tokenizer> tokenizer = bertInputs ? tokenizerBeside(modelUri) : Optional.empty();
        if (tokenizer.isPresent()) {
            return sentences(environment, names, tokenizer.get());
        }
        return synthetic(model, syntheticCount, sequenceLength, seed, bertInputs
                ? "no tokenizer.json beside the model" : "the model's inputs are not a tokenizer's " + names);
    }

    private record Tokenizer(String name, byte[] json) {
    }

    private static FidelityInputs sentences(OrtEnvironment environment, List<String> names, Tokenizer tokenizer) {
        List<String> sentences = sentences();
        List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
        List<AutoCloseable> owned = new ArrayList<>();
        try (InputStream json = new java.io.ByteArrayInputStream(tokenizer.json());
             HuggingFaceTokenizer tokenize = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false",
                     "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)))) {
            for (String sentence : sentences) {
                Encoding encoding = tokenize.encode(sentence);
                Map<String, OnnxTensor> input = new LinkedHashMap<>();
                input.put("input_ids", tensor(environment, encoding.getIds(), owned));
                input.put("attention_mask", tensor(environment, encoding.getAttentionMask(), owned));
                if (names.contains("token_type_ids")) {
                    input.put("token_type_ids", tensor(environment, encoding.getTypeIds(), owned));
                }
                inputs.add(input);
            }
        } catch (IOException e) {
            closeAll(owned);
            throw new UncheckedIOException(e);
        } catch (OrtException | RuntimeException e) {
            closeAll(owned);
            throw new IllegalStateException("could not make the fidelity inputs: " + e.getMessage(), e);
        }
        return new FidelityInputs(inputs, owned, "real: " + sentences.size() + " English sentences (benchmark-runner "
                + SENTENCES + ", written for inferplan, CC0), tokenized one by one by " + tokenizer.name()
                + " from the model's artifact");
    }

    private static FidelityInputs synthetic(ModelSession model, int count, int sequenceLength, long seed, String why) {
        List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
        List<AutoCloseable> owned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InputTensors tensors = model.inputs(new DimensionBinding(1, sequenceLength, Map.of()), seed + i);
            owned.add(tensors);
            inputs.add(new HashMap<>(tensors.tensors()));
        }
        return new FidelityInputs(inputs, owned, "synthetic: " + count + " generated inputs (batch 1, sequence "
                + sequenceLength + ", token ids uniform in [1000, 29000), fixed seed " + seed + "); " + why);
    }

    private static OnnxTensor tensor(OrtEnvironment environment, long[] values, List<AutoCloseable> owned)
            throws OrtException {
        OnnxTensor tensor = OnnxTensor.createTensor(environment, new long[][] {values});
        owned.add(tensor);
        return tensor;
    }

    static List<String> sentences() {
        try (InputStream in = FidelityInputs.class.getClassLoader().getResourceAsStream(SENTENCES)) {
            if (in == null) {
                throw new IllegalStateException(SENTENCES + " is missing from the runner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code <entry without .onnx>-tokenizer.json} or {@code tokenizer.json} in the model's jar or
     * directory (the model's own URI passed the artifact rules; this reads the same file or folder).
     */
    static Optional<Tokenizer> tokenizerBeside(URI modelUri) {
        String text = modelUri.toString();
        try {
            if (text.startsWith("jar:file:") && text.contains("!/")) {
                Path jar = Path.of(URI.create(text.substring(4, text.indexOf("!/"))));
                String entry = text.substring(text.indexOf("!/") + 2);
                String base = entry.endsWith(".onnx") ? entry.substring(0, entry.length() - 5) : entry;
                String folder = entry.contains("/") ? entry.substring(0, entry.lastIndexOf('/') + 1) : "";
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (String candidate : List.of(base + "-tokenizer.json", folder + "tokenizer.json")) {
                        var found = zip.getEntry(candidate);
                        if (found != null) {
                            try (InputStream in = zip.getInputStream(found)) {
                                return Optional.of(new Tokenizer(candidate, in.readAllBytes()));
                            }
                        }
                    }
                }
            } else if (text.startsWith("file:")) {
                Path model = Path.of(modelUri);
                String name = model.getFileName().toString();
                String base = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
                for (Path candidate : List.of(model.resolveSibling(base + "-tokenizer.json"),
                        model.resolveSibling("tokenizer.json"))) {
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(new Tokenizer(candidate.getFileName().toString(), Files.readAllBytes(candidate)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable tokenizer: the check says it used synthetic inputs and why
        }
        return Optional.empty();
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing native buffers: nothing else to do
            }
        }
    }

    @Override
    public void close() {
        closeAll(owned);
    }
}
